"""A loop over the examples accumulating the error signals, then dividing by N."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    dw, db = 0.0, 0.0
    for xn, tn in zip(x, t):
        z = w * xn + b
        y = 1.0 / (1.0 + np.exp(-z)) if z >= 0 else np.exp(z) / (1.0 + np.exp(z))
        z_bar = (y - tn) * y * (1.0 - y)
        dw += z_bar * xn
        db += z_bar
    return dw / len(x) + lam * w, db / len(x)
