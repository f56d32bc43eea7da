"""Works on a float copy of theta in place, with the per-parameter rate lr / (sqrt(G) + eps) as its own array."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad):
        self.G = np.square(grad) if self.G is None else self.G + np.square(grad)
        rate = self.lr * np.reciprocal(np.sqrt(self.G) + self.eps)
        new = np.array(theta, dtype=float)
        new -= rate * grad
        return new
