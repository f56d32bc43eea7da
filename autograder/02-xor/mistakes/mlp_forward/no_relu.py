"""Forgets the ReLU between the layers (a linear network)."""

import numpy as np


def mlp_forward(x, params):
    h = x
    for W, b in params:
        h = h @ W + b
    z = h - h.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
