"""matmul and its gradients with einsum."""

import numpy as np


def matmul(a, b):
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(np.einsum("nd,dk->nk", a.value, b.value), parents=(a, b))

    def backward_fn():
        a.grad += np.einsum("nk,dk->nd", out.grad, b.value)
        b.grad += np.einsum("nd,nk->dk", a.value, out.grad)

    out.backward_fn = backward_fn
    return out
