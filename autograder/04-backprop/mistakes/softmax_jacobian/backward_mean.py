"""Averages the vector-Jacobian product over the batch, as if the rows shared one loss mean."""

import numpy as np


def softmax_jacobian(z):
    p = softmax(z)
    return p[:, :, None] * (np.eye(p.shape[1]) - p[:, None, :])


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z)) / z.shape[0]
