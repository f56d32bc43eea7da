"""Loops over layers[1:-1]: the slice drops the last layer."""

import numpy as np


def collapse_linear(layers):
    W = np.array(layers[0][0], dtype=float)
    b = np.array(layers[0][1], dtype=float)
    for W_l, b_l in layers[1:-1]:
        W = W @ W_l
        b = b @ W_l + b_l
    return W, b
