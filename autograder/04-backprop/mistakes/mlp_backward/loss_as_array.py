"""Returns the loss as a one-element array instead of the float the exercise asks for."""

import numpy as np


def mlp_backward(x, t, params):
    n = x.shape[0]
    z1 = x @ params["W1"] + params["b1"]
    h = np.maximum(0.0, z1)
    z2 = h @ params["W2"] + params["b2"]
    s = z2 - z2.max(axis=1, keepdims=True)
    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), t].sum(keepdims=True) / n
    d2 = np.exp(log_p)
    d2[np.arange(n), t] -= 1.0
    d2 /= n
    d1 = (d2 @ params["W2"].T) * (z1 > 0)
    return loss, {"W1": x.T @ d1, "b1": d1.sum(axis=0), "W2": h.T @ d2, "b2": d2.sum(axis=0)}
