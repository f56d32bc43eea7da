"""Reverses the caller's params list in place to walk it backwards."""

import numpy as np


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    params.reverse()
    grad = grad_out
    grads = []
    for layer in reversed(layers):
        grad = layer.backward(grad)
        if isinstance(layer, Linear):
            grads.insert(0, (layer.dW, layer.db))
    return grad, grads
