"""Sets truncation equal to round-off instead of minimising their sum (differs for the two-sided model)."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F, D = np.abs(np.asarray(f_x, dtype=float)), np.abs(np.asarray(f_deriv, dtype=float))
    with np.errstate(all="ignore"):
        if two_sided:
            h = (6 * eps * F / D) ** (1 / 3)          # h**2 D / 6 = eps F / h
            error = h ** 2 * D / 6 + eps * F / h
        else:
            h = np.sqrt(2 * eps * F / D)
            error = h * D / 2 + eps * F / h
        h = np.where(D == 0, np.inf, h)
        error = np.where(D == 0, 0.0, error)
    return h[()], error[()]
