"""Caches z and recomputes a stable sigmoid in backward."""

import numpy as np


class Sigmoid:
    def _sig(self, z):
        out = np.empty_like(z, dtype=float)
        pos = z >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        out[~pos] = ez / (1.0 + ez)
        return out

    def forward(self, z):
        self.z = np.array(z, dtype=float)
        return self._sig(self.z)

    def backward(self, grad_out):
        s = self._sig(self.z)
        return np.multiply(grad_out, s * (1.0 - s))
