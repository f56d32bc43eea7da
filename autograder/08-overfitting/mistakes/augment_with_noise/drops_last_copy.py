"""Loops over range(K - 1): the last noisy copy is missing."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    k = noise.shape[0]
    X_aug = np.concatenate([X] + [X + sigma * noise[i] for i in range(k - 1)], axis=0)
    t_aug = np.tile(t, k)
    return X_aug, t_aug
