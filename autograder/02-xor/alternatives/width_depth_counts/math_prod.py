"""math.prod and pow on Python ints."""

import math


def width_depth_counts(w, k):
    return math.prod([w, w, k + 1]), pow(w, k + 2)
