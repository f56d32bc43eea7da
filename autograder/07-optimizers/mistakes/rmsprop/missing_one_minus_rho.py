"""Decays the old average but adds the new squared gradient with weight 1."""

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
        self.s = self.rho * self.s + grad ** 2
        return theta - self.lr * grad / (np.sqrt(self.s) + self.eps)
