"""Starts the velocity as the gradient array itself and updates it in place: the caller's grad changes."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        if self.v is None:
            self.v = grad
            self.v *= -self.lr
        else:
            self.v = self.gamma * self.v - self.lr * grad
        return theta + self.v
