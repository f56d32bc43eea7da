"""functools.reduce of operator.mul over one factor w per layer."""

import functools
import operator


def width_depth_counts(w, k):
    n_paths = functools.reduce(operator.mul, [w] * (k + 2), 1)
    return (k + 1) * w * w, n_paths
