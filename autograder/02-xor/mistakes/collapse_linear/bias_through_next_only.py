"""Passes each bias through the next layer's weights only, not all later ones."""

import numpy as np


def collapse_linear(layers):
    W = layers[0][0]
    for W_l, _ in layers[1:]:
        W = W @ W_l
    b = layers[-1][1].copy()
    for (_, b_l), (W_next, _) in zip(layers[:-1], layers[1:]):
        b = b + b_l @ W_next
    return W, b
