"""tanh's derivative computed from the input: 1 - z**2."""

import numpy as np


def tanh(a):
    a = as_tensor(a)
    y = np.tanh(a.value)
    out = Tensor(y, parents=(a,))

    def backward_fn():
        a.grad += out.grad * (1.0 - a.value ** 2)

    out.backward_fn = backward_fn
    return out
