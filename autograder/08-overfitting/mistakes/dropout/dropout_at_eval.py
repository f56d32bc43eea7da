"""Applies the mask and scaling in evaluation mode too (ignores train)."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    return x * keep / (1.0 - p)


def dropout_backward(grad_out, p, keep, train=True):
    return grad_out * keep / (1.0 - p)
