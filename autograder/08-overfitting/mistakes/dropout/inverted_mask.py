"""Keeps the units where keep is False (uses the complement of the mask)."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if not train:
        return x
    return x * ~keep / (1.0 - p)


def dropout_backward(grad_out, p, keep, train=True):
    if not train:
        return grad_out
    return grad_out * ~keep / (1.0 - p)
