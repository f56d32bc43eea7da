"""Runs the stack on the unit vectors and on zero: b = f(0), W = f(I) - f(0)."""

import numpy as np


def collapse_linear(layers):
    d0 = layers[0][0].shape[0]

    def run(x):
        for W, b in layers:
            x = x @ W + b
        return x

    b = run(np.zeros((1, d0)))[0]
    return run(np.eye(d0)) - b, b
