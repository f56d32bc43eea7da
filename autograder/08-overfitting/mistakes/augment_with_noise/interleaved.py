"""Puts the copies of each example next to each other instead of whole copies in order."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    stacked = np.concatenate([X[None], X + sigma * noise], axis=0)      # (K+1, N, D)
    X_aug = stacked.transpose(1, 0, 2).reshape(-1, X.shape[1])
    t_aug = np.repeat(t, len(noise) + 1)
    return X_aug, t_aug
