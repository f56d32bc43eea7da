"""scipy.special.softmax for pi and for the responsibilities."""

import numpy as np
from scipy.special import softmax


def mdn_nll_grad(raw, t, k):
    n = len(raw)
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    pi = softmax(z, axis=1)
    sigma = np.exp(a)
    u = (t - m) / sigma
    c = z - a - 0.5 * u ** 2          # log pi differs from z by a per-row constant: the softmax ignores it
    gamma = softmax(c, axis=1)
    return np.hstack([pi - gamma, -gamma * u / sigma, gamma * (1 - u ** 2)]) / n
