"""Computes the per-parameter rate first, with np.square and np.multiply."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad):
        if self.G is None:
            self.G = np.zeros_like(theta)
        self.G = self.G + np.square(grad)
        rate = self.lr / (np.sqrt(self.G) + self.eps)
        return theta - np.multiply(rate, grad)
