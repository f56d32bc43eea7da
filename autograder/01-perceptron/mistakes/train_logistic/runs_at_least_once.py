"""A do-while loop: the step comes before the epoch test, so epochs = 0 still takes one step."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    while True:
        loss, dw, db = bce_loss_grad(X, t, w, b)
        losses.append(loss)
        w = w - lr * dw
        b = b - lr * db
        if len(losses) >= epochs:
            break
    return w, float(b), losses
