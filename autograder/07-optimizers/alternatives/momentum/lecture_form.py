"""The lecture's form theta - lr g + gamma v with v the previous update, then v = theta_new - theta."""

import numpy as np


class Momentum(Optimizer):
    def __init__(self, lr, gamma=0.9):
        self.lr = lr
        self.gamma = gamma
        self.v = None

    def step(self, theta, grad):
        v_old = np.zeros_like(theta) if self.v is None else self.v
        new = theta - self.lr * grad + self.gamma * v_old
        self.v = new - theta
        return new
