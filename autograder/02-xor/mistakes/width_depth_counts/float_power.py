"""Computes the path count in floating point (rounds for large counts)."""


def width_depth_counts(w, k):
    return w * w * (k + 1), float(w) ** (k + 2)
