"""Factored form H (d + (L-1) H + K), biases from the number of units."""


def count_params(d, H, L, K, biases=True):
    units = L * H + K
    return H * (d + (L - 1) * H + K) + int(bool(biases)) * units
