"""Divides by the sum over the whole batch instead of each row's sum."""

import numpy as np


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()
