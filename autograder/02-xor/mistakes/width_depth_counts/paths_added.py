"""Adds the choices per layer instead of multiplying them."""


def width_depth_counts(w, k):
    return w * w * (k + 1), w * (k + 2)
