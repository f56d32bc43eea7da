"""One formula for a truncation term C h**p of order p, filled in through a boolean mask of the curved points."""

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    p = 2 if two_sided else 1
    a = eps * np.abs(np.asarray(f_x, dtype=float))                     # round-off a / h
    C = np.abs(np.asarray(f_deriv, dtype=float)) / (p * (p + 1))      # truncation C h**p: |f''| / 2, |f'''| / 6
    a, C = np.broadcast_arrays(a, C)
    curved = C > 0
    h, error = np.full(C.shape, np.inf), np.zeros(C.shape)
    h[curved] = (a[curved] / (p * C[curved])) ** (1.0 / (p + 1))
    error[curved] = C[curved] * h[curved] ** p + a[curved] / h[curved]
    return h[()], error[()]
