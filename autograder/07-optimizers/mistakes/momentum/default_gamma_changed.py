"""Changes the signature's default momentum to gamma = 0.99: Momentum(lr) no longer uses 0.9."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.99):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = np.zeros_like(theta, dtype=float)
        self.v = self.gamma * self.v - self.lr * grad
        return theta + self.v
