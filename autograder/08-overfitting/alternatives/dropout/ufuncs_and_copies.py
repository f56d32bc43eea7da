"""np.multiply and np.divide into new arrays; evaluation mode returns a copy."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if train:
        return np.divide(np.multiply(x, keep), 1.0 - p)
    return np.array(x, copy=True)


def dropout_backward(grad_out, p, keep, train=True):
    scale = 1.0 / (1.0 - p) if train else 1.0
    mask = keep if train else np.ones_like(keep)
    return np.multiply(grad_out, mask) * scale
