"""Clips z to [-10, 10] against overflow: sigma(20) becomes sigma(10)."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -10.0, 10.0)))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)
