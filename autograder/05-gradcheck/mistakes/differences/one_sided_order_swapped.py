"""The one-sided difference computed as (f(x) - f(x + h)) / h."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) / (2 * h)


def one_sided_difference(f_plus, f_x, h):
    return (f_x - f_plus) / h
