"""Turns the comparison into integers with * 1: y holds 0 and 1 as ints, not floats."""


def neuron_forward(X, w, b):
    z = X @ w + b
    return z, (z >= 0) * 1
