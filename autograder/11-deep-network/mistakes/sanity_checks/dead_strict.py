"""A unit counts as dead only if its pre-activation is strictly negative: Z = 0 is missed."""
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
    return [float(np.linalg.norm(a["W"] - b["W"]) / np.linalg.norm(b["W"]))
            for b, a in zip(params_before, params_after)]


def dead_fraction(params, X):
    fractions, h = [], X
    for p in params[:-1]:
        z = h @ p["W"] + p["b"]
        fractions.append(float(np.mean(np.all(z < 0, axis=0))))
        h = np.maximum(z, 0.0)
    return fractions
