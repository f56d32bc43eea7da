"""add and mul accumulate with a.grad = a.grad + ... (a new array each time)."""

import numpy as np


def add(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value + b.value, parents=(a, b))

    def backward_fn():
        a.grad = a.grad + unbroadcast(out.grad, a.value.shape)
        b.grad = b.grad + unbroadcast(out.grad, b.value.shape)

    out.backward_fn = backward_fn
    return out


def mul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(np.multiply(a.value, b.value), parents=(a, b))

    def backward_fn():
        da = np.multiply(out.grad, b.value)
        db = np.multiply(out.grad, a.value)
        a.grad = a.grad + unbroadcast(da, a.value.shape)
        b.grad = b.grad + unbroadcast(db, b.value.shape)

    out.backward_fn = backward_fn
    return out
