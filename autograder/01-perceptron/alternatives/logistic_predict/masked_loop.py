"""The two stable forms filled in with boolean masks into a fresh float array."""

import numpy as np


def logistic_predict(X, w, b):
    z = np.dot(X, w) + b
    out = np.empty(z.shape)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out
