"""Compares the nearest other-class original with the copy's own source only (the distance sigma * |noise|),
not with the nearest original of its class."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    k = noise.shape[0]
    copies = (X + sigma * noise).reshape(-1, X.shape[1])
    t_copies = np.tile(t, k)
    X_aug, t_aug = np.concatenate([X, copies]), np.concatenate([t, t_copies])
    if k == 0:
        return X_aug, t_aug, 0.0
    dist = np.sqrt(((copies[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    to_source = np.sqrt(((sigma * noise) ** 2).sum(axis=2)).reshape(-1)
    other = t_copies[:, None] != t[None, :]
    nearest_other = np.where(other, dist, np.inf).min(axis=1)
    return X_aug, t_aug, float(np.mean(nearest_other < to_source))
