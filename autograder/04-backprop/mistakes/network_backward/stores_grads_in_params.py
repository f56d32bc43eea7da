"""Writes the gradients into the caller's params list, replacing its pairs."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    linear = [layer for layer in layers if isinstance(layer, Linear)]
    for index, layer in enumerate(linear):
        params[index] = (layer.dW, layer.db)
    return grad, params
