"""Changes the signature's default to rho = 0.99: RMSprop(lr) averages over other steps."""

import numpy as np


class RMSprop(Optimizer):
    def __init__(self, lr, rho=0.99, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = None

    def step(self, theta, grad):
        if self.s is None:
            self.s = np.zeros_like(theta, dtype=float)
        self.s = self.rho * self.s + (1.0 - self.rho) * grad * grad
        return theta - self.lr * grad / (np.sqrt(self.s) + self.eps)
