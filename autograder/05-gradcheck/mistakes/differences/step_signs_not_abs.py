"""Forgets the magnitudes: a negative f(x) or derivative gives a nan step."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    f_x, f_deriv = np.asarray(f_x, dtype=float), np.asarray(f_deriv, dtype=float)
    with np.errstate(all="ignore"):
        if two_sided:
            h = (3 * eps * f_x / f_deriv) ** (1 / 3)
            error = h ** 2 / 6 * f_deriv + eps * f_x / h
        else:
            h = np.sqrt(2 * eps * f_x / f_deriv)
            error = h / 2 * f_deriv + eps * f_x / h
        h = np.where(f_deriv == 0, np.inf, h)
        error = np.where(f_deriv == 0, 0.0, error)
    return h[()], error[()]
