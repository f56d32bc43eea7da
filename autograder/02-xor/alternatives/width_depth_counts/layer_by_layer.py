"""Walks the layers, counting weights and paths as it goes."""


def width_depth_counts(w, k):
    weights, paths = 0, w          # w ways to pick the input unit
    for _ in range(k + 1):
        weights += w * w
        paths *= w
    return weights, paths
