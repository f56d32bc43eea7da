"""mul's closure scales out.grad in place to save an array, then uses the changed out.grad for b."""

import numpy as np


def mul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value * b.value, parents=(a, b))

    def backward_fn():
        g = out.grad
        g *= b.value                # out.grad itself now holds out.grad * b
        a.grad += unbroadcast(g, a.value.shape)
        b.grad += unbroadcast(out.grad * a.value, b.value.shape)

    out.backward_fn = backward_fn
    return out
