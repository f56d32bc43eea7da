"""Exponentiates the logits without subtracting the maximum (nan for logits ~1000)."""

import numpy as np


def mlp_forward(x, params):
    h = x
    for W, b in params[:-1]:
        h = np.maximum(0.0, h @ W + b)
    z = h @ params[-1][0] + params[-1][1]
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
