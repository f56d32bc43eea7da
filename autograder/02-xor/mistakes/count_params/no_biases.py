"""Ignores the biases argument and never counts biases."""


def count_params(d, H, L, K, biases=True):
    return d * H + (L - 1) * H * H + H * K
