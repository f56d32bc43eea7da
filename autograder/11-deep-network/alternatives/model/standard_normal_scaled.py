"""He weights as standard_normal times the scale; index loops over range(len(params))."""
import numpy as np


def init_params(layer_sizes, seed):
    rng = np.random.default_rng(seed)
    return [{"W": rng.standard_normal((layer_sizes[i], layer_sizes[i + 1])) * np.sqrt(2.0 / layer_sizes[i]),
             "b": np.zeros(layer_sizes[i + 1])} for i in range(len(layer_sizes) - 1)]


def model_forward(params, X):
    H = [X]
    Z = []
    for i in range(len(params)):
        Z.append(H[-1] @ params[i]["W"] + params[i]["b"])
        H.append(np.maximum(Z[-1], 0) if i < len(params) - 1 else Z[-1])
    return H[-1], [H[:-1], Z]


def model_backward(dscores, caches, params):
    H, Z = caches
    L = len(params)
    grads = [dict() for _ in range(L)]
    G = dscores
    for i in range(L - 1, -1, -1):
        grads[i]["W"] = H[i].T @ G
        grads[i]["b"] = G.sum(0)
        if i > 0:
            G = (G @ params[i]["W"].T) * (Z[i - 1] > 0).astype(float)
    return grads
