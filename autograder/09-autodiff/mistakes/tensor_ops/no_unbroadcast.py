"""add and mul pass out.grad to each parent without undoing broadcasting."""

import numpy as np


def add(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value + b.value, parents=(a, b))

    def backward_fn():
        a.grad = a.grad + out.grad
        b.grad = b.grad + out.grad

    out.backward_fn = backward_fn
    return out


def mul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value * b.value, parents=(a, b))

    def backward_fn():
        a.grad = a.grad + out.grad * b.value
        b.grad = b.grad + out.grad * a.value

    out.backward_fn = backward_fn
    return out
