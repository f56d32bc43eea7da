"""Fills the labels into np.zeros: t_aug holds floats, not the integer labels."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    k, n = noise.shape[0], X.shape[0]
    X_aug = np.concatenate([X] + [X + sigma * e for e in noise], axis=0)
    t_aug = np.zeros((k + 1) * n)
    for i in range(k + 1):
        t_aug[i * n:(i + 1) * n] = t
    return X_aug, t_aug
