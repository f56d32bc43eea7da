"""Writes sigma(z) as exp(z) / (1 + exp(z)), which is nan for z = 1000."""

import numpy as np


class Sigmoid:
    def forward(self, z):
        self.out = np.exp(z) / (1 + np.exp(z))
        return self.out

    def backward(self, grad_out):
        return grad_out * self.out * (1 - self.out)
