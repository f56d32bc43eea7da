"""Uses lam * sum(W**2) and its gradient 2 lam W, missing the 1/2 convention."""

import numpy as np


def l2_penalty(params, lam):
    value = 0.0
    grads = {}
    for name, p in params.items():
        if name.startswith("W"):
            value += lam * np.sum(p ** 2)
            grads[name] = 2 * lam * p
        else:
            grads[name] = np.zeros_like(p)
    return float(value), grads
