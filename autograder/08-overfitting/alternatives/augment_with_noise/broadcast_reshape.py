"""Broadcasting over a (K+1, N, D) stack and reshape."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    K = noise.shape[0]
    shifts = np.concatenate([np.zeros((1,) + X.shape), sigma * noise], axis=0)
    X_aug = (X[None, :, :] + shifts).reshape((K + 1) * X.shape[0], X.shape[1])
    return X_aug, np.tile(t, K + 1)
