"""Fills a preallocated array block by block, adding the noise in place to its own rows only; np.min with
where= and initial=inf per class."""

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
    if k == 0:
        return X_aug, t_aug, 0.0
    copies, t_copies = X_aug[n:], t_aug[n:]
    dist = np.linalg.norm(copies[:, None, :] - X[None, :, :], axis=2)
    same = t_copies[:, None] == t[None, :]
    own = np.min(dist, axis=1, where=same, initial=np.inf)
    other = np.min(dist, axis=1, where=~same, initial=np.inf)
    return X_aug, t_aug, float((other < own).mean())
