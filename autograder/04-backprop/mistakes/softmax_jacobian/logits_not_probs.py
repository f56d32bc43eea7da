"""Writes the formula with the logits z instead of the probabilities p."""

import numpy as np


def softmax_jacobian(z):
    z = np.asarray(z, dtype=float)
    return z[:, :, None] * (np.eye(z.shape[1]) - z[:, None, :])


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
