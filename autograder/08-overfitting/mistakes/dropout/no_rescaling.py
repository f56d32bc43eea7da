"""Applies the mask without dividing by 1 - p (forward and backward)."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if not train:
        return x
    return x * keep


def dropout_backward(grad_out, p, keep, train=True):
    if not train:
        return grad_out
    return grad_out * keep
