"""Counts the bias as an int (b = 0, b += 1) and returns it as one, though the statement asks for a float."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0
    mistakes = []
    for _ in range(max_epochs):
        count = 0
        for x_n, t_n in zip(X, t):
            y_n = 1 if x_n @ w + b >= 0 else 0
            if y_n != t_n:
                w = w + (t_n - y_n) * x_n
                b += int(t_n - y_n)
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return w, b, mistakes
