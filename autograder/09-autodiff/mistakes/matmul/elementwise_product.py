"""Treats the product as elementwise in backward (sums to make shapes fit)."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad += (out.grad.sum(axis=1, keepdims=True) * b.value.sum(axis=1))
        b.grad += a.value.sum(axis=0)[:, None] * out.grad.sum(axis=0)

    out.backward_fn = backward_fn
    return out
