"""Accumulates from the last layer backwards with b += ..., which adds into the caller's last bias."""


def collapse_linear(layers):
    W, b = layers[-1]
    for W_l, b_l in reversed(layers[:-1]):
        b += b_l @ W
        W = W_l @ W
    return W, b
