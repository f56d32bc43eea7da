"""ReLU and the max shift done in place, on arrays the function made itself."""

import numpy as np


def mlp_forward(x, params):
    h = np.array(x, dtype=float, copy=True)
    for W, b in params[:-1]:
        h = h @ W
        h += b
        np.maximum(h, 0.0, out=h)
    z = h @ params[-1][0]
    z += params[-1][1]
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z
