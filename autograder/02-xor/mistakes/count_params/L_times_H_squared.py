"""Counts L matrices of H x H instead of L - 1."""


def count_params(d, H, L, K, biases=True):
    n = d * H + L * H * H + H * K
    return n + (L * H + K if biases else 0)
