"""The velocity is a local variable, never stored: every step is plain gradient descent."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        v = np.zeros_like(theta)
        v = self.gamma * v - self.lr * grad
        return theta + v
