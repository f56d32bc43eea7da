"""Averages dW and db over the batch, as if the layer owned the loss's 1/N."""

import numpy as np


class Linear:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad_out):
        n = grad_out.shape[0]
        self.dW = self.x.T @ grad_out / n
        self.db = grad_out.mean(axis=0)
        return grad_out @ self.W.T
