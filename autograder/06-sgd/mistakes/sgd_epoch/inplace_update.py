"""Updates the caller's arrays in place (W -= lr * dW): the W and b passed in change too."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    for idx in batches:
        _, dW, db = softmax_regression_grads(W, b, X[idx], y[idx])
        W -= lr * dW
        b -= lr * db
    return W, b
