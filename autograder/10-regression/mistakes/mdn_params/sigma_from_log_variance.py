"""Reads the raw scale as a log-variance: sigma = exp(a / 2)."""

import numpy as np


def mdn_params(raw, k):
    z = raw[:, :k]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), raw[:, k:2 * k], np.exp(0.5 * raw[:, 2 * k:])
