"""Updates its own moments in place and copies theta before the update."""

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
            self.m = np.zeros(np.shape(theta))
            self.v = np.zeros(np.shape(theta))
        self.t = self.t + 1
        self.m *= self.beta1
        self.m += (1 - self.beta1) * grad
        self.v *= self.beta2
        self.v += (1 - self.beta2) * np.square(grad)
        new = np.array(theta, dtype=float)
        v_hat = self.v / (1 - self.beta2 ** self.t)
        new -= self.lr * (self.m / (1 - self.beta1 ** self.t)) / (np.sqrt(v_hat) + self.eps)
        return new
