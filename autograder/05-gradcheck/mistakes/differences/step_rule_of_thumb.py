"""The rule of thumb: h = eps**(1/3) (two-sided) or eps**(1/2) (one-sided), whatever f is."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F, D = np.abs(np.asarray(f_x, dtype=float)), np.abs(np.asarray(f_deriv, dtype=float))
    h = np.full(F.shape, eps ** (1 / 3) if two_sided else eps ** 0.5)
    error = (D / 6 * h ** 2 if two_sided else D / 2 * h) + eps * F / h
    return np.where(D == 0, np.inf, h)[()], np.where(D == 0, 0.0, error)[()]
