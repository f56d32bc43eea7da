"""Computes the stable sigmoid in place, in its own float copy of z."""

import numpy as np


class Sigmoid:
    def forward(self, z):
        y = np.array(z, dtype=float)
        np.abs(y, out=y)
        np.negative(y, out=y)
        np.exp(y, out=y)                 # e = exp(-|z|), in (0, 1]
        pos = np.asarray(z) >= 0
        y[pos] = 1.0 / (1.0 + y[pos])
        y[~pos] = y[~pos] / (1.0 + y[~pos])
        self.out = y
        return y.copy()

    def backward(self, grad_out):
        d = self.out * (1.0 - self.out)
        d *= grad_out
        return d
