"""Keeps a snapshot of every epoch and picks the best one with argmin after the loop."""

import numpy as np


def train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    all_batches = minibatch_indices(len(X), batch_size, epochs, seed)
    k = -(-len(X) // batch_size)
    train_loss, val_loss, rates, snapshots = [], [], [], []
    for e in range(epochs):
        rate = linear_decay(e, lr0, lr_min, decay_epochs)
        W, b = sgd_epoch(W, b, X, y, rate, all_batches[e * k:e * k + k])
        rates.append(rate)
        train_loss.append(softmax_regression_loss(W, b, X, y))
        val_loss.append(softmax_regression_loss(W, b, X_val, y_val))
        snapshots.append((W.copy(), b.copy()))
    best = int(np.argmin(val_loss))
    return {"train_loss": train_loss, "val_loss": val_loss, "lr": rates, "W": W, "b": b,
            "best_epoch": best, "best_W": snapshots[best][0], "best_b": snapshots[best][1]}
