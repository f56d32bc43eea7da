"""Leaves |f(x)| out of the round-off term: the step no longer depends on the function's size."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F, D = np.abs(np.asarray(f_x, dtype=float)), np.abs(np.asarray(f_deriv, dtype=float))
    with np.errstate(all="ignore"):
        if two_sided:
            h = (3 * eps / D) ** (1 / 3)
            error = h ** 2 * D / 6 + eps * F / h
        else:
            h = np.sqrt(2 * eps / D)
            error = h * D / 2 + eps * F / h
    return np.where(D == 0, np.inf, h)[()], np.where(D == 0, 0.0, error)[()]
