"""The backward loop stops before the first layer and returns what reaches its output as grad_x."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad = grad_out
    for layer in reversed(layers[1:]):
        grad = layer.backward(grad)
    dW1 = layers[0].x.T @ grad
    db1 = grad.sum(axis=0)
    rest = [(layer.dW, layer.db) for layer in layers[1:] if isinstance(layer, Linear)]
    return grad, [(dW1, db1)] + rest
