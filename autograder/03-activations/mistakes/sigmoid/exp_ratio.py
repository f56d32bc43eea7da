"""Writes sigma(z) as exp(z) / (1 + exp(z)), which is inf / inf = nan for z = 1000."""

import numpy as np


def sigmoid(z):
    return np.exp(z) / (1 + np.exp(z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
