"""Old-style dropout: mask without scaling in training, multiplies by 1 - p at evaluation."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if not train:
        return x * (1.0 - p)
    return x * keep


def dropout_backward(grad_out, p, keep, train=True):
    if not train:
        return grad_out * (1.0 - p)
    return grad_out * keep
