"""Penalises the biases as well as the weights."""

import numpy as np


def l2_penalty(params, lam):
    value = 0.0
    grads = {}
    for name, p in params.items():
        value += 0.5 * lam * np.sum(p ** 2)
        grads[name] = lam * p
    return float(value), grads
