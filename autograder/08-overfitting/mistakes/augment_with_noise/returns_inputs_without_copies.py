"""Returns X and t themselves when there are no copies: the result shares memory with the caller's arrays."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    if len(noise) == 0:
        return X, t
    X_aug = np.concatenate([X] + [X + sigma * e for e in noise], axis=0)
    return X_aug, np.tile(t, len(noise) + 1)
