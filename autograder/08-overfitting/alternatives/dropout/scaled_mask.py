"""Builds a float mask keep / (1 - p) once (identity when not training), like the library layer."""

import numpy as np


def _scaled_mask(p, keep, train):
    if not train:
        return 1.0
    return keep.astype(float) / (1.0 - p)


def dropout_forward(x, p, keep, train=True):
    return x * _scaled_mask(p, keep, train)


def dropout_backward(grad_out, p, keep, train=True):
    return grad_out * _scaled_mask(p, keep, train)
