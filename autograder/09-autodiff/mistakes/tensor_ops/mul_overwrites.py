"""mul assigns the parents' grads instead of adding to them (x * x loses a contribution)."""

import numpy as np


def mul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value * b.value, parents=(a, b))

    def backward_fn():
        a.grad = unbroadcast(out.grad * b.value, a.shape)
        b.grad = unbroadcast(out.grad * a.value, b.shape)

    out.backward_fn = backward_fn
    return out
