"""Divides both gradients by the batch size N."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad += out.grad @ b.value.T / a.value.shape[0]
        b.grad += a.value.T @ out.grad / a.value.shape[0]

    out.backward_fn = backward_fn
    return out
