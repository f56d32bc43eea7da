"""Evaluates the derivative as z (1 - z) instead of sigma(z) (1 - sigma(z))."""

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    return z * (1 - z)
