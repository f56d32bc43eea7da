"""Always counts the biases, even with biases=False."""


def count_params(d, H, L, K, biases=True):
    return d * H + (L - 1) * H * H + H * K + L * H + K
