"""Counts one weight matrix per layer (k + 2) instead of between layers (k + 1)."""


def width_depth_counts(w, k):
    return w * w * (k + 2), w ** (k + 2)
