"""Updates after every example (stochastic) instead of one full-batch step per epoch."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        losses.append(bce_loss_grad(X, t, w, b)[0])
        for n in range(len(t)):
            _, dw, db = bce_loss_grad(X[n:n + 1], t[n:n + 1], w, b)
            w = w - lr * dw
            b = b - lr * db
    return w, b, losses
