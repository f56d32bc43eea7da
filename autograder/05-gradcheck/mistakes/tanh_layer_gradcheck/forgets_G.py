"""Differentiates sum(tanh(x @ W + b)) and forgets the output weights G."""

import numpy as np


def tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5):
    num_dW = numerical_gradient(lambda V: np.sum(np.tanh(x @ V + b)), W, h)
    num_db = numerical_gradient(lambda c: np.sum(np.tanh(x @ W + c)), b, h)
    return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}
