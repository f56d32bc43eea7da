"""No layer objects: the same loop on cached arrays, with the Sigmoid derivative y (1 - y)."""

import numpy as np


def network_backward(x, grad_out, params):
    inputs, outputs = [], []
    h = np.asarray(x, dtype=float)
    for index, (W, b) in enumerate(params):
        if index > 0:
            h = sigmoid(h)
            outputs.append(h)
        inputs.append(h)
        h = h @ W + b
    grad = np.asarray(grad_out, dtype=float)
    grads = [None] * len(params)
    for index in range(len(params) - 1, -1, -1):
        W, _ = params[index]
        grads[index] = (inputs[index].T @ grad, grad.sum(axis=0))
        grad = grad @ W.T
        if index > 0:
            y = outputs.pop()
            grad = grad * y * (1.0 - y)
    return grad, grads
