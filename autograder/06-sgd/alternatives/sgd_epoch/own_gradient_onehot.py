"""Writes the gradient itself with a one-hot matrix and a stable softmax, updating copies in place."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    W, b = W.copy(), b.copy()
    C = W.shape[1]
    for idx in batches:
        Xb = X[idx]
        T = np.eye(C)[y[idx]]
        Z = Xb @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        G = (P - T) / len(idx)
        W -= lr * Xb.T @ G
        b -= lr * G.sum(axis=0)
    return W, b
