"""Softmax over axis 0 (the batch) instead of the components."""

import numpy as np


def mdn_params(raw, k):
    z = raw[:, :k]
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True), raw[:, k:2 * k], np.exp(raw[:, 2 * k:])
