"""The two-sided difference divided by h instead of 2h."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) / h


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / h
