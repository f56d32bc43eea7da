"""Copies theta, then updates the copy and the velocity in place."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        theta = np.array(theta, dtype=float, copy=True)
        if self.v is None:
            self.v = np.zeros_like(theta)
        self.v *= self.gamma
        self.v -= self.lr * grad
        theta += self.v
        return theta
