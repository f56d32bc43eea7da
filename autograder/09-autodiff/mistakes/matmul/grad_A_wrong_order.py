"""A.grad multiplies B.T before out.grad."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad += b.value.T @ out.grad
        b.grad += a.value.T @ out.grad

    out.backward_fn = backward_fn
    return out
