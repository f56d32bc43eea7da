"""Masks and scales the caller's arrays in place (x *= keep): the activations and gradients passed in change."""

import numpy as np


def dropout_forward(x, p, keep, train=True):
    if train:
        x *= keep
        x /= 1.0 - p
    return x


def dropout_backward(grad_out, p, keep, train=True):
    if train:
        grad_out *= keep
        grad_out /= 1.0 - p
    return grad_out
