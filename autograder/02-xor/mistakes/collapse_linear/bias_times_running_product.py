"""Updates W first and then multiplies b by the running product W."""

import numpy as np


def collapse_linear(layers):
    W, b = layers[0]
    for W_l, b_l in layers[1:]:
        W = W @ W_l
        b = b @ W + b_l
    return W, b
