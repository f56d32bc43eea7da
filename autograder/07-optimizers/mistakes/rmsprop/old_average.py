"""Divides by the average before this step's gradient is added."""

import numpy as np


class RMSprop(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = None

    def step(self, theta, grad):
        if self.s is None:
            self.s = np.zeros_like(theta)
        new = theta - self.lr * grad / (np.sqrt(self.s) + self.eps)
        self.s = self.rho * self.s + (1 - self.rho) * grad ** 2
        return new
