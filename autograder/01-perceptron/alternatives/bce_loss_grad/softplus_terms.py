"""The loss as t log(1 + e^-z) + (1 - t) log(1 + e^z), each written stably; gradients with loops."""

import numpy as np


def _softplus(z):
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def bce_loss_grad(X, t, w, b):
    n, d = X.shape
    z = X @ w + b
    loss = np.mean(t * _softplus(-z) + (1 - t) * _softplus(z))
    y = logistic_predict(X, w, b)
    dw = np.zeros(d)
    db = 0.0
    for i in range(n):
        dw += (y[i] - t[i]) * X[i]
        db += y[i] - t[i]
    return loss, dw / n, db / n
