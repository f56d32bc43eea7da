"""Adds the regulariser's lam * w to db as well as to dw."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    y = sigmoid(w * x + b)
    z_bar = (y - t) * y * (1 - y)
    return float(np.mean(z_bar * x) + lam * w), float(np.mean(z_bar) + lam * w)
