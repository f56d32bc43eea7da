"""Uses the value of A where B belongs: A.grad = out.grad @ A-shaped ones pattern (ignores B)."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad += out.grad @ np.ones_like(b.value).T
        b.grad += a.value.T @ out.grad

    out.backward_fn = backward_fn
    return out
