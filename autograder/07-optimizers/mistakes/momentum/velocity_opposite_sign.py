"""Stores v = gamma v + lr g and steps by -v: the right path, but self.v has the sign opposite to the lesson's."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = np.zeros_like(theta)
        self.v = self.gamma * self.v + self.lr * grad
        return theta - self.v
