"""Compares whole arrays, ||a - b|| / (||a|| + ||b||), instead of entry by entry."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), tiny))
