"""A loop over the points with Python floats, for a scalar or an array of any shape."""

import math

import numpy as np


def best_step(f_x, f_deriv, eps=np.finfo(float).eps, two_sided=True):
    fs, ds = np.broadcast_arrays(np.asarray(f_x, dtype=float), np.asarray(f_deriv, dtype=float))
    h, error = np.empty(fs.shape), np.empty(fs.shape)
    for i in np.ndindex(fs.shape):
        a, d = eps * abs(float(fs[i])), abs(float(ds[i]))
        if d == 0.0:
            h[i], error[i] = math.inf, 0.0
        elif two_sided:
            h[i] = (3.0 * a / d) ** (1.0 / 3.0)
            error[i] = h[i] ** 2 * d / 6.0 + a / h[i]
        else:
            h[i] = math.sqrt(2.0 * a / d)
            error[i] = h[i] * d / 2.0 + a / h[i]
    if h.ndim == 0:
        return float(h), float(error)
    return h, error
