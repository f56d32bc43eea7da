"""Changes the signature's default to eps = 1e-6: Adagrad(lr) takes other steps where gradients are small."""

import numpy as np


class Adagrad(Optimizer):
    def __init__(self, lr, eps=1e-6):
        self.lr = lr
        self.eps = eps
        self.G = None

    def step(self, theta, grad):
        if self.G is None:
            self.G = np.zeros_like(theta, dtype=float)
        self.G = self.G + grad * grad
        return theta - self.lr * grad / (np.sqrt(self.G) + self.eps)
