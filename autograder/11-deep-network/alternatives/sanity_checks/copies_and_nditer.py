"""Finite differences on perturbed copies, np.nditer over entries; norms by hand; dead as max == 0."""
import numpy as np

from nncourse.losses import softmax_cross_entropy


def numerical_grads(params, X, y, h=1e-5):
    def loss(ps):
        return softmax_cross_entropy(model_forward(ps, X)[0], y)[0]

    out = []
    for li, p in enumerate(params):
        layer = {}
        for name in p:
            grad = np.zeros_like(p[name], dtype=float)
            it = np.nditer(p[name], flags=["multi_index"])
            for _ in it:
                i = it.multi_index
                up = [{k: v.copy() for k, v in q.items()} for q in params]
                down = [{k: v.copy() for k, v in q.items()} for q in params]
                up[li][name][i] += h
                down[li][name][i] -= h
                grad[i] = (loss(up) - loss(down)) / (2 * h)
            layer[name] = grad
        out.append(layer)
    return out


def update_ratios(params_before, params_after):
    ratios = []
    for li in range(len(params_before)):
        W0, W1 = params_before[li]["W"], params_after[li]["W"]
        ratios.append(float(np.sqrt(np.sum((W1 - W0) ** 2)) / np.sqrt(np.sum(W0 ** 2))))
    return ratios


def dead_fraction(params, X):
    out, a = [], X
    for p in params[:-1]:
        a = np.maximum(0.0, a @ p["W"] + p["b"])
        out.append(float((a.max(axis=0) == 0).sum() / a.shape[1]))
    return out
