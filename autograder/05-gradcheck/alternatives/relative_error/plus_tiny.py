"""Adds tiny to the denominator instead of taking the maximum."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.abs(a - b).__truediv__(np.abs(a) + np.abs(b) + tiny).max().item()
