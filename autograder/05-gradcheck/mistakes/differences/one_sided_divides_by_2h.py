"""The one-sided difference divided by 2h, copied from the two-sided one."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) / (2 * h)


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / (2 * h)
