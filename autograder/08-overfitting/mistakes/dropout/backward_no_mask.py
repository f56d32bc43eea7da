"""Forward is right; backward passes grad_out through unmasked."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if not train:
        return x
    return x * keep / (1.0 - p)


def dropout_backward(grad_out, p, keep, train=True):
    return grad_out
