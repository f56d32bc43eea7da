"""Every error signal of the computation graph spelled out, returned as numpy scalars."""

import numpy as np


def univariate_grads(w, b, x, t, lam):
    n = x.shape[0]
    z = w * x + b
    y = sigmoid(z)
    L_reg_bar = 1.0
    R_bar = L_reg_bar * lam
    L_bar = L_reg_bar / n
    y_bar = L_bar * (y - t)
    z_bar = y_bar * y * (1.0 - y)
    w_bar = np.sum(z_bar * x) + R_bar * w
    b_bar = np.sum(z_bar)
    return w_bar, b_bar
