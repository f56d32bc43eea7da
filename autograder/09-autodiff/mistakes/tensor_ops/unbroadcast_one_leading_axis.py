"""Removes at most one added leading axis (an if where a loop is needed)."""

import numpy as np


def unbroadcast(grad, shape):
    grad = np.asarray(grad, dtype=float)
    if grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad
