"""Starts the velocity as the number 0.0; it becomes an array at the first step."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = 0.0
        self.v = self.gamma * self.v - self.lr * np.asarray(grad)
        return np.add(theta, self.v)
