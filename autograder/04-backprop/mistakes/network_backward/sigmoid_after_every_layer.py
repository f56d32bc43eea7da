"""Puts a Sigmoid after every Linear layer, the last one too."""


def network_backward(x, grad_out, params):
    layers = []
    for W, b in params:
        layers += [Linear(W, b), Sigmoid()]
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    return grad, [(layer.dW, layer.db) for layer in layers if isinstance(layer, Linear)]
