"""Uses np.power on int64, which wraps around for large counts."""

import numpy as np


def width_depth_counts(w, k):
    w, k = np.int64(w), np.int64(k)
    return int(w * w * (k + 1)), int(np.power(w, k + 2))
