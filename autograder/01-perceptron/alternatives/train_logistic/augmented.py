"""The bias as an extra weight on a column of ones; losses kept in a preallocated array."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    Xa = np.column_stack([X, np.ones(len(X))])
    theta = np.zeros(Xa.shape[1])
    losses = np.zeros(epochs)
    for k in range(epochs):
        loss, dw, db = bce_loss_grad(X, t, theta[:-1], theta[-1])
        losses[k] = loss
        theta = theta - lr * np.append(dw, db)
    return theta[:-1], theta[-1], losses.tolist()
