"""Counts one bias per layer instead of one per unit."""


def count_params(d, H, L, K, biases=True):
    n = d * H + (L - 1) * H * H + H * K
    return n + (L + 1 if biases else 0)
