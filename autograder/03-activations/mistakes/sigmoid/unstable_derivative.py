"""Stable sigmoid, but the derivative as exp(-z) / (1 + exp(-z))**2, which is nan at z = -1000."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2
