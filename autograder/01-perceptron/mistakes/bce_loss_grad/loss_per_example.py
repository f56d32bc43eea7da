"""Returns the per-example losses (an array of N numbers) instead of their mean, a single float."""

import numpy as np


def bce_loss_grad(X, t, w, b):
    z = X @ w + b
    loss = np.logaddexp(0.0, z) - t * z
    err = logistic_predict(X, w, b) - t
    return loss, X.T @ err / X.shape[0], float(np.mean(err))
