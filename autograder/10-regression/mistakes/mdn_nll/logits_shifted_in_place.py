"""Shifts the logits by their maximum in place: z is a view of the caller's raw."""

import numpy as np


def mdn_nll(raw, t, k):
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:3 * k]
    z -= z.max(axis=1, keepdims=True)
    log_pi = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    u = (t - m) * np.exp(-a)
    c = log_pi - 0.5 * np.log(2 * np.pi) - a - 0.5 * u ** 2
    c_max = c.max(axis=1, keepdims=True)
    return float(-np.mean(c_max[:, 0] + np.log(np.sum(np.exp(c - c_max), axis=1))))
