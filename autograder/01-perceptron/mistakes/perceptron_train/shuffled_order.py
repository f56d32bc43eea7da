"""Visits the examples in a random order each epoch, not in their order n = 0, 1, ..., N-1."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    rng = np.random.default_rng(0)
    w = np.zeros(X.shape[1])
    b = 0.0
    mistakes = []
    for _ in range(max_epochs):
        count = 0
        for n in rng.permutation(len(t)):
            y_n = 1.0 if X[n] @ w + b >= 0 else 0.0
            if y_n != t[n]:
                w = w + (t[n] - y_n) * X[n]
                b = b + (t[n] - y_n)
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return w, float(b), mistakes
