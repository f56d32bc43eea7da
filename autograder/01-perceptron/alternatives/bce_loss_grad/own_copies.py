"""Builds the loss and the error signal in place in its own arrays (z, and a copy of the predictions)."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    n = X.shape[0]
    z = X @ w
    z += b
    err = np.array(logistic_predict(X, w, b), dtype=float, copy=True)
    err -= t
    per = np.logaddexp(0.0, z)
    per -= t * z
    dw = X.T @ err
    dw /= n
    return float(per.mean()), dw, float(err.mean())
