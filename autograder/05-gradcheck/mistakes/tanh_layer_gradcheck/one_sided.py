"""Computes the numerical gradient with the one-sided difference (L(W + h) - L(W)) / h."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    def L(W, b):
        return np.sum(np.tanh(x @ W + b) * G)

    num_dW, num_db = np.zeros_like(W), np.zeros_like(b)
    base = L(W, b)
    for idx in np.ndindex(W.shape):
        old = W[idx]
        W[idx] = old + h
        num_dW[idx] = (L(W, b) - base) / h
        W[idx] = old
    for idx in np.ndindex(b.shape):
        old = b[idx]
        b[idx] = old + h
        num_db[idx] = (L(W, b) - base) / h
        b[idx] = old
    return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}
