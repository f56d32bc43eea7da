"""Copies f_plus to a float array and does the arithmetic in place in that copy."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    out = np.array(f_plus, dtype=float, copy=True)
    out -= f_minus
    out /= 2.0 * np.asarray(h, dtype=float)
    return out if out.ndim else float(out)


def one_sided_difference(f_plus, f_x, h):
    out = np.array(f_plus, dtype=float, copy=True)
    out -= f_x
    out /= h
    return out if out.ndim else float(out)
