"""Nudges each entry to +h and -h but never puts the old value back."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    def L(W, b):
        return np.sum(np.tanh(x @ W + b) * G)

    num_dW, num_db = np.zeros_like(W), np.zeros_like(b)
    for idx in np.ndindex(W.shape):
        W[idx] += h
        f_plus = L(W, b)
        W[idx] -= 2 * h
        num_dW[idx] = (f_plus - L(W, b)) / (2 * h)
    for idx in np.ndindex(b.shape):
        b[idx] += h
        f_plus = L(W, b)
        b[idx] -= 2 * h
        num_db[idx] = (f_plus - L(W, b)) / (2 * h)
    return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}
