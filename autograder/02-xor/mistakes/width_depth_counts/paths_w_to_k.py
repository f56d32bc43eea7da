"""Counts only the choices in the hidden layers: w**k."""


def width_depth_counts(w, k):
    return w * w * (k + 1), w ** k
