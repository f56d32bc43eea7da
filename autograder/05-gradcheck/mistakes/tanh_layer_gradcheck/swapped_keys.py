"""Right checks, but the error of db is stored under "dW" and the error of dW under "db"."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    num_dW = numerical_gradient(lambda V: np.sum(np.tanh(x @ V + b) * G), W, h)
    num_db = numerical_gradient(lambda c: np.sum(np.tanh(x @ W + c) * G), b, h)
    return {"db": relative_error(dW, num_dW), "dW": relative_error(db, num_db)}
