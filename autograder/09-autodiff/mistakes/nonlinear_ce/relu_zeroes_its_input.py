"""relu zeroes the negative entries of its input's value in place and returns that array."""

import numpy as np


def relu(a):
    a = as_tensor(a)
    z = a.value
    z[z < 0] = 0.0              # a's own value changes: every other use of a now sees relu(a)
    mask = z > 0
    out = Tensor(z, parents=(a,))

    def backward_fn():
        a.grad += out.grad * mask

    out.backward_fn = backward_fn
    return out
