"""Divides every gradient by the batch size, as if the layers averaged over the examples."""


def network_backward(x, grad_out, params):
    n = x.shape[0]
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    grads = [(layer.dW / n, layer.db / n) for layer in layers if isinstance(layer, Linear)]
    return grad / n, grads
