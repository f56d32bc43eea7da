"""Builds the gradients by scaling the parameter arrays in place (p *= lam): the caller's weights change."""

import numpy as np


def l2_penalty(params, lam):
    value = 0.5 * lam * sum(float(np.sum(p * p)) for k, p in params.items() if k.startswith("W"))
    grads = {}
    for name, p in params.items():
        if name.startswith("W"):
            p *= lam
            grads[name] = p
        else:
            grads[name] = np.zeros_like(p)
    return value, grads
