"""Counts a bias for every input unit too (d + L*H + K biases)."""


def count_params(d, H, L, K, biases=True):
    n = d * H + (L - 1) * H * H + H * K
    if biases:
        n += d + L * H + K
    return n
