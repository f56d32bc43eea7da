"""Forgets the Kronecker delta: J = -p_i p_j, also on the diagonal."""

import numpy as np


def softmax_jacobian(z):
    p = softmax(z)
    return -p[:, :, None] * p[:, None, :]


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
