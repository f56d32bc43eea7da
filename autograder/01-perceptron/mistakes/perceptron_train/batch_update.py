"""Predicts the whole batch first, then updates once per epoch (not the online rule)."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        y = (X @ w + b >= 0).astype(float)
        count = int(np.sum(y != t))
        w = w + X.T @ (t - y)
        b = b + float(np.sum(t - y))
        mistakes.append(count)
        if count == 0:
            break
    return w, b, mistakes
