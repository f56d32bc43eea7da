"""Keeps the losses in a mutable default argument, so a second call appends to the first call's list."""

import numpy as np


def train_logistic(X, t, lr, epochs, losses=[]):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        loss, dw, db = bce_loss_grad(X, t, w, b)
        losses.append(loss)
        w = w - lr * dw
        b = b - lr * db
    return w, float(b), losses
