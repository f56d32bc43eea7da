"""Writes its own gradient with C = y.max() + 1 one-hot columns: breaks when the largest class is absent."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    C = int(y.max()) + 1
    for idx in batches:
        Xb = X[idx]
        Z = Xb @ W + b
        P = np.exp(Z - Z.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        T = np.eye(C)[y[idx]]
        G = (P[:, :C] - T) / len(idx)
        W = W.copy()
        b = b.copy()
        W[:, :C] = W[:, :C] - lr * Xb.T @ G
        b[:C] = b[:C] - lr * G.sum(axis=0)
    return W, b
