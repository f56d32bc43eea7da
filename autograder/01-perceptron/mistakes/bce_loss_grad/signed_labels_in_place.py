"""Turns the caller's labels into -1/+1 in place (t[t == 0] = -1) for the loss log(1 + exp(-t z))."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    t[t == 0] = -1
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, -t * z))
    g = -t * np.exp(-np.logaddexp(0.0, t * z))            # dL/dz = -t sigma(-t z)
    return float(loss), X.T @ g / X.shape[0], float(np.mean(g))
