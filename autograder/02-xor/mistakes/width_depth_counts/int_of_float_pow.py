"""int(math.pow(w, k + 2)): an int, but computed in floating point, so large counts are rounded."""

import math


def width_depth_counts(w, k):
    return w * w * (k + 1), int(math.pow(w, k + 2))
