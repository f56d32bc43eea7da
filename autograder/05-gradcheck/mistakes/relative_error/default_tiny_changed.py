"""Changes the default floor to tiny=1e-8, which swallows gradients of size 1e-10."""

import numpy as np


def relative_error(a, b, tiny=1e-8):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), tiny)))
