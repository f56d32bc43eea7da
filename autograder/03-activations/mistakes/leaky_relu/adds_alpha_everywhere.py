"""Writes max(0, z) + alpha z, which also adds alpha z to positive entries."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.maximum(0, z) + alpha * z


def leaky_relu_prime(z, alpha=0.01):
    return (z > 0) + alpha
