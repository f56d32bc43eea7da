"""Runs the backward loop in the forward order of the layers."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in layers:
        grad = layer.backward(grad)
    grads = [(layer.dW, layer.db) for layer in layers if isinstance(layer, Linear)]
    return grad, grads
