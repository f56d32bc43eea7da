"""Walks the list by index from the end, and reads the pairs from every second layer."""


def network_backward(x, grad_out, params):
    layers = make_network(params)
    h = x
    for i in range(len(layers)):
        h = layers[i].forward(h)
    g = grad_out
    for i in range(len(layers) - 1, -1, -1):
        g = layers[i].backward(g)
    return g, [(layers[i].dW, layers[i].db) for i in range(0, len(layers), 2)]
