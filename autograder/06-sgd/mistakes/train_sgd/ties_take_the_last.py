"""Updates the best epoch on a tie too (<= instead of <): among equal validation losses the last epoch wins."""

import numpy as np


def train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    per_epoch = int(np.ceil(len(X) / batch_size))
    batches = minibatch_indices(len(X), batch_size, epochs, seed)
    history = {"train_loss": [], "val_loss": [], "lr": [], "best_epoch": None}
    best = np.inf
    for epoch in range(epochs):
        lr = linear_decay(epoch, lr0, lr_min, decay_epochs)
        W, b = sgd_epoch(W, b, X, y, lr, batches[epoch * per_epoch:(epoch + 1) * per_epoch])
        history["lr"].append(lr)
        history["train_loss"].append(softmax_regression_loss(W, b, X, y))
        history["val_loss"].append(softmax_regression_loss(W, b, X_val, y_val))
        if history["val_loss"][-1] <= best:
            best = history["val_loss"][-1]
            history["best_epoch"] = epoch
            history["best_W"], history["best_b"] = W.copy(), b.copy()
    history["W"], history["b"] = W, b
    return history
