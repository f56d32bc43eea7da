"""pi = exp(log_softmax(z)), with the log-sum-exp trick."""

import numpy as np


def mdn_params(raw, k):
    z = raw[:, :k]
    m = z.max(axis=1, keepdims=True)
    log_pi = z - (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))
    return np.exp(log_pi), raw[:, k:2 * k], np.exp(raw[:, 2 * k:])
