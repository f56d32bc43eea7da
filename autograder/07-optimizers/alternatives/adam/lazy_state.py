"""Creates the moments lazily with np.zeros(theta.shape) and writes the update with np.divide."""

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
        self.t = self.t + 1
        m = np.zeros(np.shape(theta)) if self.m is None else self.m
        v = np.zeros(np.shape(theta)) if self.v is None else self.v
        self.m = self.beta1 * m + (1 - self.beta1) * grad
        self.v = self.beta2 * v + (1 - self.beta2) * np.square(grad)
        m_hat = np.divide(self.m, 1 - np.power(self.beta1, self.t))
        v_hat = np.divide(self.v, 1 - np.power(self.beta2, self.t))
        return np.subtract(theta, np.divide(self.lr * m_hat, np.sqrt(v_hat) + self.eps))
