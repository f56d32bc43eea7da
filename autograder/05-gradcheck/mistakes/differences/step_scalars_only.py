"""math and an if on the derivative: right for floats, fails on arrays."""

import math

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F, D = abs(f_x), abs(f_deriv)
    if D == 0:
        return math.inf, 0.0
    if two_sided:
        h = (3 * eps * F / D) ** (1 / 3)
        return h, h * h * D / 6 + eps * F / h
    h = math.sqrt(2 * eps * F / D)
    return h, h * D / 2 + eps * F / h
