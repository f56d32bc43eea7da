"""The loss uses z = X w + b, but the gradient's prediction sigma(X w) forgets the bias."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - t * z)
    err = logistic_predict(X, w, 0.0) - t
    return float(loss), X.T @ err / X.shape[0], float(np.mean(err))
