"""Builds the update in the row of X itself (x_n *= t_n - y_n), so the caller's X changes."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    for _ in range(max_epochs):
        count = 0
        for x_n, t_n in zip(X, t):
            y_n = 1.0 if x_n @ w + b >= 0 else 0.0
            if y_n != t_n:
                x_n *= t_n - y_n
                w = w + x_n
                b = b + (t_n - y_n)
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return w, float(b), mistakes
