"""Copies the parameters first and walks the batches with an index and in-place updates."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    W_new = np.array(W, dtype=float, copy=True)
    b_new = np.array(b, dtype=float, copy=True)
    k = 0
    while k < len(batches):
        idx = np.asarray(batches[k])
        loss, dW, db = softmax_regression_grads(W_new, b_new, X[idx], y[idx])
        W_new -= lr * dW
        b_new -= lr * db
        k += 1
    return (W_new, b_new)
