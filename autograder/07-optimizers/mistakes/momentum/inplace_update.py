"""Updates theta in place (theta += v) and returns it: the caller's array changes too."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = np.zeros_like(theta)
        self.v = self.gamma * self.v - self.lr * grad
        theta += self.v
        return theta
