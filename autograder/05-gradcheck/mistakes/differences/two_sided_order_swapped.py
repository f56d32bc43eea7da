"""The two-sided difference with the function values subtracted the wrong way round."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_minus - f_plus) / (2 * h)


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / h
