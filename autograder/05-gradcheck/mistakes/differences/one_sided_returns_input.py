"""np.asarray(f_plus) is no copy for an array: dividing in place changes and returns the caller's f_plus."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) / (2.0 * h)


def one_sided_difference(f_plus, f_x, h):
    out = np.asarray(f_plus)
    out -= f_x
    out /= h
    return out
