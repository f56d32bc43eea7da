"""Exponentiates the raw scales where they are, inside the caller's raw."""

import numpy as np


def mdn_params(raw, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:3 * k]
    np.exp(a, out=a)            # a is a view of raw: the caller's raw changes
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), m.copy(), a.copy()
