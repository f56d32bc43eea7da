"""Multiplies by 0.5 / h, with np.subtract."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return np.subtract(f_plus, f_minus) * (0.5 / np.asarray(h, dtype=float))


def one_sided_difference(f_plus, f_x, h):
    return np.subtract(f_plus, f_x) * (1.0 / np.asarray(h, dtype=float))
