"""Returns the comparison itself: y holds True/False, not the floats 0.0 and 1.0."""


def neuron_forward(X, w, b):
    z = X @ w + b
    return z, z >= 0
