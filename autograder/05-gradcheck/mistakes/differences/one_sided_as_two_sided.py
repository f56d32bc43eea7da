"""Both functions compute the one-sided formula: the two-sided one divides f_plus - f_minus by h."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return one_sided_difference(f_plus, f_minus, h)


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / h
