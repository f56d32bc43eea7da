"""Collects the pairs inside the backward loop, so they come out last layer first."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    grads = []
    for layer in reversed(layers):
        grad = layer.backward(grad)
        if isinstance(layer, Linear):
            grads.append((layer.dW, layer.db))
    return grad, grads
