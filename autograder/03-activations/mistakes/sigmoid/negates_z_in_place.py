"""Computes exp(-|z|) in the caller's array (np.abs(z, out=z), ...): right values, z destroyed."""

import numpy as np


def sigmoid(z):
    pos = z >= 0
    np.abs(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    return np.where(pos, 1.0 / (1.0 + z), z / (1.0 + z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)
