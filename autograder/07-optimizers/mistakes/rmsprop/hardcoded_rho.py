"""Uses rho = 0.9 whatever rho the constructor was given."""

import numpy as np


class RMSprop(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = None

    def step(self, theta, grad):
        if self.s is None:
            self.s = np.zeros_like(theta, dtype=float)
        self.s = 0.9 * self.s + 0.1 * grad * grad
        return theta - self.lr * grad / (np.sqrt(self.s) + self.eps)
