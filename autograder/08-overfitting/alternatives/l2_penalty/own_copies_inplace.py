"""Copies each weight, then scales its own copy in place; the sum of squares as a dot product of the flat copy."""

import numpy as np


def l2_penalty(params, lam):
    value = 0.0
    grads = {}
    for name, p in params.items():
        g = np.array(p, dtype=float)
        if name[:1] == "W":
            value += 0.5 * lam * float(np.dot(g.ravel(), g.ravel()))
            g *= lam
        else:
            g[...] = 0.0
        grads[name] = g
    return float(value), grads
