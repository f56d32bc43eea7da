"""Updates its own copies in place, batch by batch, and copies whenever it remembers the best epoch."""

import numpy as np


def train_sgd(X, y, X_val, y_val, W, b, *, batch_size, epochs, lr0, lr_min, decay_epochs, seed):
    W, b = W.copy(), b.copy()
    n = X.shape[0]
    per_epoch = (n + batch_size - 1) // batch_size
    batches = minibatch_indices(n, batch_size, epochs, seed)
    hist = {"train_loss": [], "val_loss": [], "lr": [], "best_epoch": -1}
    for epoch in range(epochs):
        lr = linear_decay(epoch, lr0, lr_min, decay_epochs)
        for idx in batches[epoch * per_epoch:(epoch + 1) * per_epoch]:
            _, dW, db = softmax_regression_grads(W, b, X[idx], y[idx])
            W -= lr * dW
            b -= lr * db
        hist["lr"].append(float(lr))
        hist["train_loss"].append(softmax_regression_loss(W, b, X, y))
        hist["val_loss"].append(softmax_regression_loss(W, b, X_val, y_val))
        if epoch == 0 or hist["val_loss"][-1] < min(hist["val_loss"][:-1]):
            hist["best_epoch"] = epoch
            hist["best_W"], hist["best_b"] = np.copy(W), np.copy(b)
    hist["W"], hist["b"] = W, b
    return hist
