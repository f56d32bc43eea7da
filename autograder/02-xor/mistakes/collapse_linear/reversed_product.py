"""Multiplies the weight matrices from the last layer to the first (W2 @ W1)."""

import numpy as np


def collapse_linear(layers):
    W, b = layers[0]
    for W_l, b_l in layers[1:]:
        W = W_l @ W
        b = b @ W_l + b_l
    return W, b
