"""gamma = pi N / sum(pi N) from the densities: 0 / 0 = nan for a far target."""

import numpy as np


def mdn_nll_grad(raw, t, k):
    n = raw.shape[0]
    z, m, a = raw[:, :k], raw[:, k:2 * k], raw[:, 2 * k:]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    pi = e / e.sum(axis=1, keepdims=True)
    sigma = np.exp(a)
    u = (t - m) / sigma
    dens = np.exp(-0.5 * u ** 2) / (np.sqrt(2 * np.pi) * sigma)
    gamma = pi * dens / np.sum(pi * dens, axis=1, keepdims=True)
    return np.concatenate([pi - gamma, -gamma * u / sigma, gamma * (1 - u ** 2)], axis=1) / n
