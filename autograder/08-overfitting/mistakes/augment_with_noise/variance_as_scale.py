"""Multiplies the noise by sigma**2 (the variance) instead of sigma."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    X_aug = np.concatenate([X] + [X + sigma ** 2 * e for e in noise], axis=0)
    t_aug = np.tile(t, len(noise) + 1)
    return X_aug, t_aug
