"""Returns (n_paths, n_weights), in the wrong order."""


def width_depth_counts(w, k):
    return w ** (k + 2), w * w * (k + 1)
