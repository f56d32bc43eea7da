"""Caches the output only on the first forward call, so backward uses a stale output."""

import numpy as np


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, z):
        y = sigmoid(z)
        if self.out is None:
            self.out = y
        return y

    def backward(self, grad_out):
        return grad_out * self.out * (1 - self.out)
