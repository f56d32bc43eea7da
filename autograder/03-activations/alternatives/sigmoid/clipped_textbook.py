"""The textbook 1 / (1 + exp(-z)) on z clipped to [-500, 500], where exp cannot overflow."""

import numpy as np


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
