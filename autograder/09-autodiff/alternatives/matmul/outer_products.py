"""B.grad as a sum of per-example outer products; A.grad row by row."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value @ b.value, parents=(a, b))

    def backward_fn():
        for n in range(a.value.shape[0]):
            a.grad[n] += b.value @ out.grad[n]
            b.grad += np.outer(a.value[n], out.grad[n])

    out.backward_fn = backward_fn
    return out
