"""Divides by the drop probability p instead of the keep probability 1 - p."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if not train:
        return x
    return x * keep / p


def dropout_backward(grad_out, p, keep, train=True):
    if not train:
        return grad_out
    return grad_out * keep / p
