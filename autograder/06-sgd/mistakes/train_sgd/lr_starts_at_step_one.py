"""Numbers the epochs from 1 when asking for the learning rate, so the first epoch never uses lr0."""

import numpy as np


def train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    per_epoch = int(np.ceil(len(X) / batch_size))
    batches = minibatch_indices(len(X), batch_size, epochs, seed)
    hist = {"train_loss": [], "val_loss": [], "lr": []}
    best = np.inf
    for epoch in range(epochs):
        lr = linear_decay(epoch + 1, lr0, lr_min, decay_epochs)
        W, b = sgd_epoch(W, b, X, y, lr, batches[epoch * per_epoch:(epoch + 1) * per_epoch])
        hist["lr"].append(lr)
        hist["train_loss"].append(softmax_regression_loss(W, b, X, y))
        hist["val_loss"].append(softmax_regression_loss(W, b, X_val, y_val))
        if hist["val_loss"][-1] < best:
            best = hist["val_loss"][-1]
            hist["best_epoch"], hist["best_W"], hist["best_b"] = epoch, W.copy(), b.copy()
    hist["W"], hist["b"] = W, b
    return hist
