"""Counts biases for the hidden units only, not for the K outputs."""


def count_params(d, H, L, K, biases=True):
    n = d * H + (L - 1) * H * H + H * K
    return n + (L * H if biases else 0)
