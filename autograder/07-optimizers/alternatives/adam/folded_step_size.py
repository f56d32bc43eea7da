"""Folds the corrections into the step size, lr sqrt(1 - beta2^t) / (1 - beta1^t), with eps scaled to match."""

import numpy as np


class Adam(Optimizer):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = None
        self.v = None
        self.t = 0

    def step(self, theta, grad):
        if self.m is None:
            self.m = np.zeros_like(theta)
            self.v = np.zeros_like(theta)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad
        self.v = self.beta2 * self.v + (1 - self.beta2) * grad ** 2
        c1 = 1 - self.beta1 ** self.t
        c2 = 1 - self.beta2 ** self.t
        alpha = self.lr * np.sqrt(c2) / c1
        return theta - alpha * self.m / (np.sqrt(self.v) + self.eps * np.sqrt(c2))
