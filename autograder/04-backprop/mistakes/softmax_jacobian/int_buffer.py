"""Fills a buffer made like z: integer logits give an integer Jacobian, truncated towards 0."""

import numpy as np


def softmax_jacobian(z):
    p = softmax(z)
    n, k = p.shape
    J = np.zeros_like(z, shape=(n, k, k))
    J[...] = p[:, :, None] * (np.eye(k) - p[:, None, :])
    return J


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
