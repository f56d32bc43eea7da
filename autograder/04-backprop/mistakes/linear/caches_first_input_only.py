"""Caches x only on the first forward call, so backward uses a stale input."""

import numpy as np


class Linear:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = None

    def forward(self, x):
        if self.x is None:
            self.x = x
        return x @ self.W + self.b

    def backward(self, grad_out):
        self.dW = self.x.T @ grad_out
        self.db = grad_out.sum(axis=0)
        return grad_out @ self.W.T
