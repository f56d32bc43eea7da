"""sigma(z) = exp(-log(1 + exp(-z))), with log(1 + exp(-z)) = logaddexp(0, -z), stable for any z."""

import numpy as np


def logistic_predict(X, w, b):
    return np.exp(-np.logaddexp(0.0, -(X @ w + b)))
