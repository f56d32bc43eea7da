"""Writes `W_plus = W` as if it were a copy, so the minus step undoes the plus step."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    def L(W, b):
        return np.sum(np.tanh(x @ W + b) * G)

    num_dW, num_db = np.zeros_like(W), np.zeros_like(b)
    for idx in np.ndindex(W.shape):
        W_plus = W
        W_plus[idx] += h
        f_plus = L(W_plus, b)
        W_minus = W
        W_minus[idx] -= h
        num_dW[idx] = (f_plus - L(W_minus, b)) / (2 * h)
    for idx in np.ndindex(b.shape):
        b_plus = b
        b_plus[idx] += h
        f_plus = L(W, b_plus)
        b_minus = b
        b_minus[idx] -= h
        num_db[idx] = (f_plus - L(W, b_minus)) / (2 * h)
    return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}
