"""Turns the cached pre-activations into the ReLU derivative in place: the caller's caches change."""

import numpy as np


def model_backward(dscores, caches, params):
    grads, g = [], dscores
    for li in reversed(range(len(params))):
        h, z = caches[li]
        if li != len(params) - 1:
            z[:] = z > 0                # the 0/1 derivative, written over the caller's cached Z
            g = g * z
        grads.insert(0, {"W": h.T @ g, "b": np.sum(g, axis=0)})
        g = g @ params[li]["W"].T
    return grads
