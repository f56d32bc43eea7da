"""Collects the pairs during the backward loop and reverses the list at the end."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)
    grad, grads = grad_out, []
    for layer in reversed(layers):
        grad = layer.backward(grad)
        if hasattr(layer, "dW"):
            grads.append((layer.dW, layer.db))
    return grad, grads[::-1]
