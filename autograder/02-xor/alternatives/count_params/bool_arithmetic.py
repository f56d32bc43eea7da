"""One expression, the flag used as 0 or 1 in the arithmetic."""


def count_params(d, H, L, K, biases=True):
    return int(d * H + (L - 1) * H * H + H * K + bool(biases) * (L * H + K))
