"""Computes 1 / (1 + exp(z)), that is sigma(-z)."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
