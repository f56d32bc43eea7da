"""Starts from np.zeros_like(X[0]), updated in place: an integer X gives int weights that cannot take a float step."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w, b, mistakes = np.zeros_like(X[0]), 0.0, []
    for _ in range(max_epochs):
        mistakes.append(0)
        for n, x_n in enumerate(X):
            delta = t[n] - (1.0 if x_n @ w + b >= 0 else 0.0)
            if delta:
                w += delta * x_n
                b += delta
                mistakes[-1] += 1
        if not mistakes[-1]:
            break
    return w, float(b), mistakes
