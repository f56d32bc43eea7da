"""Exponentiates the logits without subtracting the maximum: exp(1000) overflows to inf, inf / inf is nan."""

import numpy as np


def softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
