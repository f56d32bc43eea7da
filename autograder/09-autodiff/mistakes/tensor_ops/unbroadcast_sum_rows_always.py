"""Sums over the rows whenever the shapes differ, whatever the operand's shape."""

import numpy as np


def unbroadcast(grad, shape):
    grad = np.asarray(grad, dtype=float)
    if grad.shape == tuple(shape):
        return grad
    return grad.sum(axis=0).reshape(shape) if grad.ndim > 1 else grad.sum().reshape(shape)
