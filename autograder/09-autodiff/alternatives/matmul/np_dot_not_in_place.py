"""matmul with np.dot, accumulating by a.grad = a.grad + ..."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(np.dot(a.value, b.value), parents=(a, b))

    def backward_fn():
        a.grad = a.grad + np.dot(out.grad, b.value.T)
        b.grad = b.grad + np.dot(a.value.T, out.grad)

    out.backward_fn = backward_fn
    return out
