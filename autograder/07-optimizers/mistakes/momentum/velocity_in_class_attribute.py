"""Keeps the velocity in a class attribute: every Momentum instance moves with the same velocity."""

import numpy as np


class Momentum(Optimizer):
    velocity = {}

    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        v = Momentum.velocity.get(theta.shape, np.zeros_like(theta, dtype=float))
        self.v = self.gamma * v - self.lr * grad
        Momentum.velocity[theta.shape] = self.v
        return theta + self.v
