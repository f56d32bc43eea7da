"""Computes the denominator first, then a -= b in place: the value is right, the caller's a is changed."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    den = np.maximum(np.abs(a) + np.abs(b), tiny)
    a -= b
    return float(np.max(np.abs(a) / den))
