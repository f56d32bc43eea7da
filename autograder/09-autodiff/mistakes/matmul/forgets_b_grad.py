"""Only A receives a gradient."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        a.grad += out.grad @ b.value.T
        pass

    out.backward_fn = backward_fn
    return out
