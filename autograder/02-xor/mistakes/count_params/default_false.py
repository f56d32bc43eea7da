"""Changes the default of the signature to biases=False."""


def count_params(d, H, L, K, biases=False):
    n = d * H + (L - 1) * H * H + H * K
    if biases:
        n += L * H + K
    return n
