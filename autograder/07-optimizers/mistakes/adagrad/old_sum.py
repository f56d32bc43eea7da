"""Divides by the sum of the previous squared gradients and adds this one afterwards."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad):
        if self.G is None:
            self.G = np.zeros_like(theta)
        new = theta - self.lr * grad / (np.sqrt(self.G) + self.eps)
        self.G = self.G + grad ** 2
        return new
