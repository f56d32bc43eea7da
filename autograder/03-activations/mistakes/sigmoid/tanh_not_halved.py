"""Uses (1 + tanh(z)) / 2, which is sigma(2 z), not sigma(z)."""

import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
