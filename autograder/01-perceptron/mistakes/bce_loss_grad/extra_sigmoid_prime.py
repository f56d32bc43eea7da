"""Multiplies the error signal by sigma'(z), as for squared error."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    z = X @ w + b
    y = logistic_predict(X, w, b)
    loss = np.mean(np.logaddexp(0.0, z) - t * z)
    dz = (y - t) * y * (1 - y)
    return float(loss), X.T @ dz / len(t), float(np.mean(dz))
