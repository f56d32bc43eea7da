"""sigma(z) = (1 + tanh(z / 2)) / 2, which never overflows."""

import numpy as np


def logistic_predict(X, w, b):
    return 0.5 * (1.0 + np.tanh(0.5 * (X @ w + b)))
