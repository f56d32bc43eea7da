"""Labels s = 2t - 1: loss mean log(1 + exp(-s z)) and dL/dz = -s sigma(-s z), written out in the loop."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    s = 2.0 * np.asarray(t, dtype=float) - 1.0
    n = len(s)
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(epochs):
        m = s * (X @ w + b)
        losses.append(float(np.mean(np.logaddexp(0.0, -m))))
        g = -s * np.exp(-np.logaddexp(0.0, m))
        w = w - lr * (X.T @ g) / n
        b = b - lr * float(g.sum()) / n
    return w, b, losses
