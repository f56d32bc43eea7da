"""scipy.special.logsumexp for both the log-softmax and the mixture."""

import numpy as np
from scipy.special import logsumexp


def mdn_nll(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    log_pi = z - logsumexp(z, axis=1, keepdims=True)
    log_n = -0.5 * np.log(2 * np.pi) - a - 0.5 * ((t - m) / np.exp(a)) ** 2
    return float(-np.mean(logsumexp(log_pi + log_n, axis=1)))
