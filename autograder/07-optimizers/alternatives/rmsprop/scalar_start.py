"""Starts s at the number 0.0 and uses np.power."""

import numpy as np


class RMSprop(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = None

    def step(self, theta, grad):
        if self.s is None:
            self.s = 0.0
        self.s = self.rho * self.s + (1 - self.rho) * np.power(grad, 2)
        return np.subtract(theta, self.lr * grad / (np.sqrt(self.s) + self.eps))
