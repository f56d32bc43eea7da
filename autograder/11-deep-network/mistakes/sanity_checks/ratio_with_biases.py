"""Weights and biases measured together in one norm per layer."""
import numpy as np

from nncourse.losses import softmax_cross_entropy


def numerical_grads(params, X, y, h=1e-5):
    def loss():
        return softmax_cross_entropy(model_forward(params, X)[0], y)[0]

    grads = []
    for p in params:
        g = {}
        for name, arr in p.items():
            d = np.zeros(arr.shape)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + h
                plus = loss()
                arr[idx] = old - h
                minus = loss()
                arr[idx] = old
                d[idx] = (plus - minus) / (2 * h)
            g[name] = d
        grads.append(g)
    return grads


def update_ratios(params_before, params_after):
    out = []
    for b, a in zip(params_before, params_after):
        before = np.concatenate([b["W"].ravel(), b["b"].ravel()])
        after = np.concatenate([a["W"].ravel(), a["b"].ravel()])
        out.append(float(np.linalg.norm(after - before) / np.linalg.norm(before)))
    return out


def dead_fraction(params, X):
    fractions, h = [], X
    for p in params[:-1]:
        h = np.maximum(h @ p["W"] + p["b"], 0.0)
        fractions.append(float(np.mean(np.all(h == 0, axis=0))))
    return fractions
