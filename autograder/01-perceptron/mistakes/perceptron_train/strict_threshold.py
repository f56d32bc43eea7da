"""Predicts 1 only for z > 0 during training."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []
    for _ in range(max_epochs):
        count = 0
        for x, target in zip(X, t):
            y = 1.0 if x @ w + b > 0 else 0.0
            if y != target:
                w = w + (target - y) * x
                b += target - y
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return w, b, mistakes
