"""Sums b_l times the product of the later matrices, accumulated from the last layer backwards."""

import numpy as np


def collapse_linear(layers):
    d_out = layers[-1][0].shape[1]
    after = np.eye(d_out)               # product of the matrices after the current layer
    b = np.zeros(d_out)
    for W_l, b_l in reversed(layers):
        b = b + b_l @ after
        after = W_l @ after
    return after, b
