"""Xavier/Glorot scale sqrt(2 / (fan_in + fan_out)) instead of He's."""
import numpy as np


def init_params(layer_sizes, seed):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        params.append({"W": rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out)),
                       "b": np.zeros(n_out)})
    return params


def model_forward(params, X):
    caches, h = [], X
    for li, p in enumerate(params):
        z = h @ p["W"] + p["b"]
        caches.append((h, z))
        h = np.maximum(z, 0.0) if li < len(params) - 1 else z
    return h, caches


def model_backward(dscores, caches, params):
    grads = [None] * len(params)
    g = dscores
    for li in range(len(params) - 1, -1, -1):
        h, z = caches[li]
        if li < len(params) - 1:
            g = g * (z > 0)
        grads[li] = {"W": h.T @ g, "b": g.sum(axis=0)}
        if li > 0:
            g = g @ params[li]["W"].T
    return grads
