"""The stable forms filled into np.empty_like(z): for integer X, w and b that array holds ints, so 0.73 becomes 0."""

import numpy as np


def logistic_predict(X, w, b):
    z = np.dot(X, w) + b
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out
