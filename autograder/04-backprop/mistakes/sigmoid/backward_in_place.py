"""Scales the caller's grad_out in place and returns it: right values, but grad_out is changed."""

import numpy as np


class Sigmoid:
    def forward(self, z):
        self.out = sigmoid(z)
        return self.out

    def backward(self, grad_out):
        grad_out *= self.out * (1.0 - self.out)
        return grad_out
