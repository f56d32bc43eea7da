"""Value lam * sum(W**2) without the 1/2, gradient lam * W (inconsistent)."""

import numpy as np


def l2_penalty(params, lam):
    value = 0.0
    grads = {}
    for name, p in params.items():
        if name.startswith("W"):
            value += lam * np.sum(p ** 2)
            grads[name] = lam * p
        else:
            grads[name] = np.zeros_like(p)
    return float(value), grads
