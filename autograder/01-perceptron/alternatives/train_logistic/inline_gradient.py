"""The loss and gradient written out inside the loop, with in-place updates."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    losses = []
    for epoch in range(epochs):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - t * z)))
        y = logistic_predict(X, w, b)
        w -= lr * (X.T @ (y - t)) / n
        b -= lr * np.sum(y - t) / n
    return w, b, losses
