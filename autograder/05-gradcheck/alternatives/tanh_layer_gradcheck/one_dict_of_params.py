"""Keeps W and b in one dict, and the loss reads them from there through a closure."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    params = {"W": W, "b": b}

    def loss(_):
        return np.sum(G * np.tanh(np.dot(x, params["W"]) + params["b"]))

    num = {name: numerical_gradient(loss, params[name], h=h) for name in params}
    analytic = {"W": dW, "b": db}
    return {"d" + name: relative_error(analytic[name], num[name]) for name in params}
