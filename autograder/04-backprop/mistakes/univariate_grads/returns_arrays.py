"""Returns one-element arrays instead of the two Python floats the exercise asks for."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (y - t) * y * (1.0 - y)
    return np.array([np.mean(z_bar * x) + lam * w]), np.array([np.mean(z_bar)])
