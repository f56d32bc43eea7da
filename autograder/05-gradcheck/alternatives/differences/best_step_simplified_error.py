"""The closed forms, with the error simplified at the optimum: E = h**2 |f'''(x)| / 2 and E = h |f''(x)|."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    F = np.abs(np.asarray(f_x, dtype=float))
    D = np.abs(np.asarray(f_deriv, dtype=float))
    with np.errstate(divide="ignore"):
        if two_sided:
            h = np.cbrt(3.0 * eps * F / D)
        else:
            h = np.sqrt(2.0 * eps * F / D)
    safe = np.where(D > 0, h, 0.0)
    error = safe ** 2 * D / 2 if two_sided else safe * D      # at the optimum eps F / h = p C h**p
    return np.where(D > 0, h, np.inf)[()], error[()]
