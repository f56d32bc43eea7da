"""Moves by the old velocity and updates it afterwards: every step lags one behind."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = np.zeros_like(theta)
        new = theta + self.v
        self.v = self.gamma * self.v - self.lr * grad
        return new
