"""add assigns the parents' grads instead of adding to them (x + x loses a contribution)."""

import numpy as np


def add(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value + b.value, parents=(a, b))

    def backward_fn():
        a.grad = unbroadcast(out.grad, a.shape)
        b.grad = unbroadcast(out.grad, b.shape)

    out.backward_fn = backward_fn
    return out
