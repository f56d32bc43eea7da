"""Adds up the sizes layer by layer."""


def count_params(d, H, L, K, biases=True):
    sizes = [d] + [H] * L + [K]
    total = 0
    for m, n in zip(sizes[:-1], sizes[1:]):
        total += m * n
        if biases:
            total += n
    return total
