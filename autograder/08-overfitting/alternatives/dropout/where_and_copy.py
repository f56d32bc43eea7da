"""np.where with the scaled value, copies in evaluation mode."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if train:
        return np.where(keep, x / (1 - p), 0.0)
    return np.array(x, copy=True)


def dropout_backward(grad_out, p, keep, train=True):
    if train:
        return np.where(keep, grad_out / (1 - p), 0.0)
    return np.array(grad_out, copy=True)
