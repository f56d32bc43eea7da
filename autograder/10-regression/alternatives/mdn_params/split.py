"""np.split into three blocks; softmax written with a shifted exponent."""

import numpy as np


def mdn_params(raw, k):
    z, m, a = np.split(raw, 3, axis=1)
    z = z - np.max(z, axis=1, keepdims=True)
    pi = np.exp(z)
    pi /= np.sum(pi, axis=1, keepdims=True)
    return pi, m, np.exp(a)
