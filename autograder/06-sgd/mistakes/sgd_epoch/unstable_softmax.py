"""Writes its own softmax without subtracting the row maximum, which overflows for large logits."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    for idx in batches:
        Xb, yb = X[idx], y[idx]
        E = np.exp(Xb @ W + b)
        P = E / E.sum(axis=1, keepdims=True)
        P[np.arange(len(idx)), yb] -= 1.0
        P /= len(idx)
        W = W - lr * (Xb.T @ P)
        b = b - lr * P.sum(axis=0)
    return W, b
