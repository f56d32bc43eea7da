"""Steps along the gradient (W + lr * dW) instead of against it."""

import numpy as np


def sgd_epoch(W, b, X, y, lr, batches):
    for idx in batches:
        _, dW, db = softmax_regression_grads(W, b, X[idx], y[idx])
        W = W + lr * dW
        b = b + lr * db
    return W, b
