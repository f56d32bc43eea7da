"""Changes the signature's default to train=False: a call without train does nothing."""

import numpy as np


def dropout_forward(x, p, keep, train=False):
    if not train:
        return x
    return x * keep / (1.0 - p)


def dropout_backward(grad_out, p, keep, train=False):
    if not train:
        return grad_out
    return grad_out * keep / (1.0 - p)
