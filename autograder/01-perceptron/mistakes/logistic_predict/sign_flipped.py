"""1 / (1 + exp(z)): the sign in the exponent is flipped."""

import numpy as np


def logistic_predict(X, w, b):
    return 1.0 / (1.0 + np.exp(X @ w + b))
