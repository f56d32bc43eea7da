"""Forgets the absolute value of a - b: entries where a < b count as negative errors."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max((a - b) / np.maximum(np.abs(a) + np.abs(b), tiny)))
