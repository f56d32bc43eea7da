"""Operator precedence: `/ 2 * h` multiplies by h instead of dividing by 2h."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) / 2 * h


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / h
