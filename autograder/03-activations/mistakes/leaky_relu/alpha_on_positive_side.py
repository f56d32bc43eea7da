"""Puts the slope alpha on the positive side: alpha z for z > 0 and z otherwise."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, alpha * z, z)


def leaky_relu_prime(z, alpha=0.01):
    return np.where(z > 0, alpha, 1.0)
