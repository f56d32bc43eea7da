"""Always puts a Sigmoid after the first layer: a network of one layer then ends with a Sigmoid."""


def network_backward(x, grad_out, params):
    layers = [Linear(*params[0]), Sigmoid()]
    for index, (W, b) in enumerate(params[1:]):
        layers.append(Linear(W, b))
        if index < len(params) - 2:
            layers.append(Sigmoid())
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers):
        grad = layer.backward(grad)
    return grad, [(layer.dW, layer.db) for layer in layers if isinstance(layer, Linear)]
