"""Forgets the -p_i p_j term everywhere: J = diag(p)."""

import numpy as np


def softmax_jacobian(z):
    p = softmax(z)
    return p[:, :, None] * np.eye(p.shape[1])


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
