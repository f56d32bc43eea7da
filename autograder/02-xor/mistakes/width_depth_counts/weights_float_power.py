"""Squares w with ** 2.0, so n_weights comes back as a float."""


def width_depth_counts(w, k):
    return w ** 2.0 * (k + 1), w ** (k + 2)
