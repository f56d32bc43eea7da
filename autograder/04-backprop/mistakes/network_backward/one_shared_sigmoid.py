"""Uses one Sigmoid object at every place: its cache holds only the latest forward call."""


def network_backward(x, grad_out, params):
    act = Sigmoid()
    layers = [Linear(*params[0])]
    for W, b in params[1:]:
        layers += [act, Linear(W, b)]
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    return grad, [(layer.dW, layer.db) for layer in layers if isinstance(layer, Linear)]
