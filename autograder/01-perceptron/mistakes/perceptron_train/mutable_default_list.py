"""Keeps the mistake counts in a mutable default argument, so every call appends to the same list."""

import numpy as np


def perceptron_train(X, t, max_epochs=100, mistakes=[]):
    w, b = np.zeros(X.shape[1]), 0.0
    epochs = 0
    while epochs < max_epochs:
        epochs += 1
        errors = [0]
        for x_n, t_n in zip(X, t):
            y_n = float(x_n @ w + b >= 0)
            w, b = w + (t_n - y_n) * x_n, b + (t_n - y_n)
            errors[0] += int(y_n != t_n)
        mistakes.append(errors[0])
        if errors[0] == 0:
            return w, float(b), mistakes
    return w, float(b), mistakes
