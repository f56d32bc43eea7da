"""Uses the one-sided minimiser whatever two_sided says."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F, D = np.abs(np.asarray(f_x, dtype=float)), np.abs(np.asarray(f_deriv, dtype=float))
    C = D / 6 if two_sided else D / 2
    p = 2 if two_sided else 1
    with np.errstate(all="ignore"):
        h = np.sqrt(2 * eps * F / D)
        error = C * h ** p + eps * F / h
    return np.where(D == 0, np.inf, h)[()], np.where(D == 0, 0.0, error)[()]
