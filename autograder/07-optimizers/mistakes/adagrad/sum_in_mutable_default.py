"""Accumulates G in a mutable default argument: a second Adagrad continues the first one's sum."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad, _sums=[]):
        if not _sums or _sums[0].shape != theta.shape:
            _sums[:] = [np.zeros_like(theta, dtype=float)]
        _sums[0] = _sums[0] + grad ** 2
        self.G = _sums[0]
        return theta - self.lr * grad / (np.sqrt(self.G) + self.eps)
