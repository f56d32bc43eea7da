"""Caches as dicts, the mask stored as a boolean array, np.where in the backward pass."""
import numpy as np


def init_params(layer_sizes, seed):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        params.append({"W": rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)),
                       "b": np.zeros(n_out)})
    return params


def model_forward(params, X):
    caches, h = [], X
    last = len(params) - 1
    for li, p in enumerate(params):
        z = np.dot(h, p["W"]) + p["b"]
        cache = {"h": h, "mask": z > 0}
        caches.append(cache)
        h = z if li == last else np.where(cache["mask"], z, 0.0)
    return h, caches


def model_backward(dscores, caches, params):
    grads = []
    g = dscores
    for li in reversed(range(len(params))):
        c = caches[li]
        if li != len(params) - 1:
            g = np.where(c["mask"], g, 0.0)
        grads.insert(0, {"W": c["h"].T @ g, "b": np.sum(g, axis=0)})
        g = g @ params[li]["W"].T
    return grads
