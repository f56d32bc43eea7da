"""Fills the labels into np.zeros: t_aug holds floats, not the integer labels."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    k, n = noise.shape[0], X.shape[0]
    X_aug = np.concatenate([X] + [X + sigma * e for e in noise], axis=0)
    t_aug = np.zeros((k + 1) * n)
    for i in range(k + 1):
        t_aug[i * n:(i + 1) * n] = t
    return X_aug, t_aug, contradicted_share(X_aug[len(X):], t_aug[len(X):], X, t)


def contradicted_share(copies, t_copies, X, t):
    """Share of the copies strictly nearer to an original of another class than to every original of their own."""
    if len(copies) == 0:
        return 0.0
    dist = np.linalg.norm(copies[:, None, :] - X[None, :, :], axis=2)
    own = t_copies[:, None] == t[None, :]
    return float(np.mean(np.where(own, np.inf, dist).min(axis=1) < np.where(own, dist, np.inf).min(axis=1)))
