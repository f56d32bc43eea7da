"""Subtracts the row maximum from the caller's z in place before taking the softmax."""

import numpy as np


def softmax_jacobian(z):
    z -= z.max(axis=1, keepdims=True)
    p = softmax(z)
    return p[:, :, None] * (np.eye(p.shape[1]) - p[:, None, :])


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
