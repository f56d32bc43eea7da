"""np.dot and np.tensordot instead of @, and db from a product with a column of ones."""

import numpy as np


class Linear:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, grad_out):
        self.dW = np.tensordot(self.x, grad_out, axes=([0], [0]))
        self.db = np.ones(grad_out.shape[0]) @ grad_out
        return np.dot(grad_out, self.W.T)
