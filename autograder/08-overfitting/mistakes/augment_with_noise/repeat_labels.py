"""Repeats each label in place with np.repeat, mismatching the order of X_aug."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    X_aug = np.concatenate([X] + [X + sigma * e for e in noise], axis=0)
    t_aug = np.repeat(t, len(noise) + 1)
    return X_aug, t_aug
