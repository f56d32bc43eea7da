"""Paths w**(k+1): forgets the choice of input unit."""


def width_depth_counts(w, k):
    return w * w * (k + 1), w ** (k + 1)
