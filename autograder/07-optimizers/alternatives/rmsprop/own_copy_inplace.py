"""Updates its own average and a float copy of theta in place (never the caller's arrays)."""

import numpy as np


class RMSprop(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = None

    def step(self, theta, grad):
        if self.s is None:
            self.s = np.zeros(np.shape(theta))
        self.s *= self.rho
        self.s += (1.0 - self.rho) * grad ** 2
        new = theta.astype(float)
        new -= self.lr * grad / (np.sqrt(self.s) + self.eps)
        return new
