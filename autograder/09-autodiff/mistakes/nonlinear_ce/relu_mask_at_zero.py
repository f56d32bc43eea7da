"""ReLU passes the signal at z = 0 too (mask z >= 0)."""

import numpy as np


def relu(a):
    a = as_tensor(a)
    out = Tensor(np.maximum(a.value, 0.0), parents=(a,))

    def backward_fn():
        a.grad += out.grad * (a.value >= 0)

    out.backward_fn = backward_fn
    return out
