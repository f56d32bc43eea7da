"""Counts a d x H matrix into every hidden layer."""


def count_params(d, H, L, K, biases=True):
    n = L * d * H + H * K
    return n + (L * H + K if biases else 0)
