"""g(z) = ((1 + alpha) z + (1 - alpha) |z|) / 2 and g'(z) = alpha + (1 - alpha) [z > 0]."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    return 0.5 * ((1.0 + alpha) * z + (1.0 - alpha) * np.abs(z))


def leaky_relu_prime(z, alpha=0.01):
    return alpha + (1.0 - alpha) * (z > 0)
