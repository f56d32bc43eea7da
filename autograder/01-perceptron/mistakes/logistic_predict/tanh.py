"""Uses tanh as if it were the logistic function."""

import numpy as np


def logistic_predict(X, w, b):
    return np.tanh(X @ w + b)
