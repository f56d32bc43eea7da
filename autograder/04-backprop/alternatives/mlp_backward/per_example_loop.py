"""Loops over the examples, accumulating each example's gradients."""

import numpy as np


def mlp_backward(x, t, params):
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}
    n = x.shape[0]
    total = 0.0
    for i in range(n):
        z1 = x[i] @ params["W1"] + params["b1"]
        h = np.maximum(z1, 0)
        z2 = h @ params["W2"] + params["b2"]
        z2 = z2 - z2.max()
        log_p = z2 - np.log(np.sum(np.exp(z2)))
        total -= log_p[t[i]]
        d2 = np.exp(log_p)
        d2[t[i]] -= 1.0
        grads["W2"] += np.outer(h, d2)
        grads["b2"] += d2
        d1 = (params["W2"] @ d2) * (z1 > 0)
        grads["W1"] += np.outer(x[i], d1)
        grads["b1"] += d1
    return total / n, {k: v / n for k, v in grads.items()}
