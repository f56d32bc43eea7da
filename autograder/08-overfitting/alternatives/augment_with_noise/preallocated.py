"""Fills a preallocated array block by block, adding the noise in place to its own rows only."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    k, n = len(noise), X.shape[0]
    X_aug = np.empty(((k + 1) * n, X.shape[1]))
    t_aug = np.empty((k + 1) * n, dtype=np.asarray(t).dtype)
    for i in range(k + 1):
        X_aug[i * n:(i + 1) * n] = X
        t_aug[i * n:(i + 1) * n] = t
        if i:
            X_aug[i * n:(i + 1) * n] += sigma * noise[i - 1]
    return X_aug, t_aug
