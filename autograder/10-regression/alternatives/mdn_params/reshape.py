"""Reshape to (N, 3, K) and index the three parameter groups."""

import numpy as np


def mdn_params(raw, k):
    p = raw.reshape(raw.shape[0], 3, k)
    e = np.exp(p[:, 0] - p[:, 0].max(axis=-1)[:, None])
    return e / e.sum(axis=-1)[:, None], p[:, 1].copy(), np.exp(p[:, 2])
