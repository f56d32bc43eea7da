"""Assigns the gradients instead of adding to them (a weight used twice loses a use)."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad = out.grad @ b.value.T
        b.grad = a.value.T @ out.grad

    out.backward_fn = backward_fn
    return out
