"""sigma(z) = (1 + tanh(z / 2)) / 2, stable for any z; derivative s - s**2."""

import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s - s * s
