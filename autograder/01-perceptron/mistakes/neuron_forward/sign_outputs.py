"""Uses np.sign, giving -1/+1 (and 0 at z = 0) instead of 0/1."""

import numpy as np


def neuron_forward(X, w, b):
    z = X @ w + b
    return z, np.sign(z)
