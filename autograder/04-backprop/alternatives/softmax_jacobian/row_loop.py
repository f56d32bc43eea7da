"""One row at a time: diag(p) - outer(p, p), and the product as a row vector times J."""

import numpy as np


def softmax_jacobian(z):
    p = softmax(z)
    return np.stack([np.diag(row) - np.outer(row, row) for row in p])


def softmax_backward(z, grad_p):
    J = softmax_jacobian(z)
    return np.stack([grad_p[n] @ J[n] for n in range(J.shape[0])])
