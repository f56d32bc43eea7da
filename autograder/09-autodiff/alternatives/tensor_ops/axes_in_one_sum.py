"""unbroadcast with one sum over all axes to remove, then a reshape."""

import numpy as np


def unbroadcast(grad, shape):
    grad = np.asarray(grad, dtype=float)
    shape = tuple(shape)
    lead = grad.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=axes).reshape(shape)
