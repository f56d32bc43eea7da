"""Right values, but the derivative is the ReLU's: 0 instead of alpha for z <= 0."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    return (z > 0).astype(float)
