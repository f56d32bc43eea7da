"""A recursive backward: the gradient reaching a layer is the backward of the rest of the network."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    out = x
    for layer in layers:
        out = layer.forward(out)

    def back(k, grad):
        if k < 0:
            return grad
        return back(k - 1, layers[k].backward(grad))

    grad_x = back(len(layers) - 1, grad_out)
    return grad_x, [(l.dW, l.db) for l in layers if isinstance(l, Linear)]
