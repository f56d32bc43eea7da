"""Puts each entry back by adding h again instead of restoring the saved value: W and b drift by rounding."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    def nudged(p, f):
        grad = np.zeros(p.shape)
        for idx in np.ndindex(p.shape):
            p[idx] += h
            up = f()
            p[idx] -= 2 * h
            grad[idx] = (up - f()) / (2 * h)
            p[idx] += h
        return grad

    def L():
        return np.sum(np.tanh(x @ W + b) * G)

    return {"dW": relative_error(dW, nudged(W, L)), "db": relative_error(db, nudged(b, L))}
