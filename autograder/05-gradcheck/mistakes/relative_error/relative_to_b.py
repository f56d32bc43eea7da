"""Divides by |b| only, treating the numerical gradient as the truth."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), tiny)))
