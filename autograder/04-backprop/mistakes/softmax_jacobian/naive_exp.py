"""Its own softmax without the shift by the row maximum: exp(1e4) overflows to inf, inf / inf = nan."""

import numpy as np


def softmax_jacobian(z):
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    return p[:, :, None] * (np.eye(p.shape[1]) - p[:, None, :])


def softmax_backward(z, grad_p):
    return np.einsum("ni,nij->nj", grad_p, softmax_jacobian(z))
