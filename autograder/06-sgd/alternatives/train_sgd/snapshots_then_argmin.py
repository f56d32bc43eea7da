"""Keeps every epoch's parameters (sgd_epoch returns new arrays) and picks the first argmin of the validation loss."""

import math

import numpy as np


def train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    per_epoch = math.ceil(X.shape[0] / batch_size)
    batches = minibatch_indices(X.shape[0], batch_size, epochs, seed)
    rates = [linear_decay(e, lr0, lr_min, decay_epochs) for e in range(epochs)]
    snapshots, train, val = [], [], []
    for e, lr in enumerate(rates):
        W, b = sgd_epoch(W, b, X, y, lr, batches[e * per_epoch:(e + 1) * per_epoch])
        snapshots.append((W, b))
        train.append(softmax_regression_loss(W, b, X, y))
        val.append(softmax_regression_loss(W, b, X_val, y_val))
    best = int(np.argmin(val))
    return {"train_loss": train, "val_loss": val, "lr": rates, "W": W, "b": b, "best_epoch": best,
            "best_W": snapshots[best][0].copy(), "best_b": snapshots[best][1].copy()}
