"""Broadcasting over a (K+1, N, D) stack and reshape; squared distances, masked with np.inf."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    K = noise.shape[0]
    shifts = np.concatenate([np.zeros((1,) + X.shape), sigma * noise], axis=0)
    X_aug = (X[None, :, :] + shifts).reshape((K + 1) * X.shape[0], X.shape[1])
    t_aug = np.tile(t, K + 1)
    copies, t_copies = X_aug[X.shape[0]:], t_aug[X.shape[0]:]
    if K == 0:
        return X_aug, t_aug, 0.0
    sq = np.sum((copies[:, None, :] - X[None, :, :]) ** 2, axis=-1)   # squared distances keep the order
    same = t_copies[:, None] == t[None, :]
    own = np.min(np.where(same, sq, np.inf), axis=1)
    other = np.min(np.where(same, np.inf, sq), axis=1)
    return X_aug, t_aug, np.count_nonzero(other < own) / len(copies)
