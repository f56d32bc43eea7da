"""Its own float copies of X and t, weights updated in place, the loss history filled into its own array."""

import numpy as np


def train_logistic(X, t, lr, epochs):
    Xf = np.array(X, dtype=float)
    tf = np.array(t, dtype=float)
    w = np.zeros(Xf.shape[1])
    b = np.zeros(())
    losses = np.empty(epochs)
    for k in range(epochs):
        losses[k], dw, db = bce_loss_grad(Xf, tf, w, float(b))
        w -= lr * dw
        b -= lr * db
    return w, float(b), list(losses)
