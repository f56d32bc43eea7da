"""Keeps copies of its parameters and input, and builds its results in place in its own arrays."""

import numpy as np


class Linear:
    def __init__(self, W, b):
        self.W, self.b = np.array(W, dtype=float), np.array(b, dtype=float)

    def forward(self, x):
        self.x = np.array(x, dtype=float)
        out = self.x @ self.W
        out += self.b
        return out

    def backward(self, grad_out):
        g = np.array(grad_out, dtype=float)
        self.dW = self.x.T @ g
        self.db = np.zeros(self.b.shape)
        for row in g:
            self.db += row
        return g @ self.W.T
