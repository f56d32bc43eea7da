"""Flattened views for the differences; dead units counted from Z <= 0; norms with ravel."""
import numpy as np

from nncourse.losses import softmax_cross_entropy


def numerical_grads(params, X, y, h=1e-5):
    grads = [{k: np.zeros(v.shape) for k, v in p.items()} for p in params]
    for p, g in zip(params, grads):
        for k in p:
            flat, gflat = p[k].reshape(-1), g[k].reshape(-1)
            for i in range(flat.size):
                keep = flat[i]
                flat[i] = keep + h
                lp = softmax_cross_entropy(model_forward(params, X)[0], y)[0]
                flat[i] = keep - h
                lm = softmax_cross_entropy(model_forward(params, X)[0], y)[0]
                flat[i] = keep
                gflat[i] = (lp - lm) / (2 * h)
    return grads


def update_ratios(params_before, params_after):
    return [float(np.linalg.norm((a["W"] - b["W"]).ravel()) / np.linalg.norm(b["W"].ravel()))
            for b, a in zip(params_before, params_after)]


def dead_fraction(params, X):
    result = []
    h = X
    for li in range(len(params) - 1):
        z = h @ params[li]["W"] + params[li]["b"]
        result.append(float(np.all(z <= 0, axis=0).mean()))
        h = np.maximum(z, 0)
    return result
