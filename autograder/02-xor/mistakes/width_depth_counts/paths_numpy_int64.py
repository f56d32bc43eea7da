"""Path count with NumPy's int64: wraps around above 9.2e18."""

import numpy as np


def width_depth_counts(d, K, L, budget):
    def n_params(H):
        return d * H + (L - 1) * H * H + H * K + L * H + K

    H = 1
    while n_params(H + 1) <= budget:
        H += 1
    return H, n_params(H), int(np.int64(d) * np.power(np.int64(H), L) * np.int64(K))
