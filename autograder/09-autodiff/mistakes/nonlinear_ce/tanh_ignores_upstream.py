"""tanh adds its local derivative without multiplying by out.grad."""

import numpy as np


def tanh(a):
    a = as_tensor(a)
    y = np.tanh(a.value)
    out = Tensor(y, parents=(a,))

    def backward_fn():
        a.grad += (1.0 - y ** 2)

    out.backward_fn = backward_fn
    return out
