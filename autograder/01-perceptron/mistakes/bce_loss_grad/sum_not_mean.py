"""Sums over the examples instead of averaging (loss and gradient)."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    z = X @ w + b
    y = logistic_predict(X, w, b)
    loss = np.sum(np.logaddexp(0.0, z) - t * z)
    return float(loss), X.T @ (y - t), float(np.sum(y - t))
