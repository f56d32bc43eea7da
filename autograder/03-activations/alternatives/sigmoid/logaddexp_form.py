"""sigma(z) = exp(-log(1 + exp(-z))) = exp(-logaddexp(0, -z)): another stable formula."""

import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_prime(z):
    return np.exp(-np.logaddexp(0.0, -z) - np.logaddexp(0.0, z))
