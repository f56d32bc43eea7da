"""Keeps the bias in an array of shape (1,), returned as is instead of a float."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    w = np.zeros(X.shape[1])
    b = np.zeros(1)
    losses = []
    for _ in range(epochs):
        loss, dw, db = bce_loss_grad(X, t, w, b[0])
        losses.append(loss)
        w = w - lr * dw
        b = b - lr * db
    return w, b, losses
