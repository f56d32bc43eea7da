"""max(z, alpha z), equal to the generalised ReLU for every alpha < 1; derivative from two masks."""

import numpy as np


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return 1.0 * (z > 0) + alpha * (z <= 0)
