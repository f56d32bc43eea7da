"""Adds eps to the step instead of the denominator (missing parentheses): nan where a gradient is 0."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad):
        if self.G is None:
            self.G = np.zeros_like(theta, dtype=float)
        self.G = self.G + grad * grad
        return theta - self.lr * grad / np.sqrt(self.G) + self.eps
