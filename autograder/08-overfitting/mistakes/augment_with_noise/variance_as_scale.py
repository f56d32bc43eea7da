"""Multiplies the noise by sigma**2 (the variance) instead of sigma."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    X_aug = np.concatenate([X] + [X + sigma ** 2 * e for e in noise], axis=0)
    t_aug = np.tile(t, len(noise) + 1)
    return X_aug, t_aug, contradicted_share(X_aug[len(X):], t_aug[len(X):], X, t)


def contradicted_share(copies, t_copies, X, t):
    """Share of the copies strictly nearer to an original of another class than to every original of their own."""
    if len(copies) == 0:
        return 0.0
    dist = np.linalg.norm(copies[:, None, :] - X[None, :, :], axis=2)
    own = t_copies[:, None] == t[None, :]
    return float(np.mean(np.where(own, np.inf, dist).min(axis=1) < np.where(own, dist, np.inf).min(axis=1)))
