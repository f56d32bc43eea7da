"""Targets mapped to s = 2t - 1 in {-1, +1}: after a mistake w += s x and b += s (the same step as t - y)."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    s = 2.0 * np.asarray(t, dtype=float) - 1.0
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    while len(mistakes) < max_epochs:
        count = 0
        for x_n, s_n in zip(X, s):
            if (x_n @ w + b >= 0) != (s_n > 0):
                w = w + s_n * x_n
                b += s_n
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return w, b, mistakes
