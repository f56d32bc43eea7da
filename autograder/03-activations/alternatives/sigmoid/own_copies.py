"""Works in place, in its own float copy of z."""

import numpy as np


def sigmoid(z):
    e = np.array(z, dtype=float)
    np.abs(e, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    out = 1.0 / (1.0 + e)
    neg = np.asarray(z) < 0
    out[neg] = e[neg] * out[neg]
    return out


def sigmoid_prime(z):
    s = sigmoid(z)
    d = 1.0 - s
    d *= s
    return d
