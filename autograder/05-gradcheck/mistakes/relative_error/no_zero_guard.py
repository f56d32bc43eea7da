"""Divides by |a| + |b| without the tiny floor, so two zero entries give nan."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))
