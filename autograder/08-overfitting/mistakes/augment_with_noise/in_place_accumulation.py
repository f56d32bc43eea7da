"""Adds every copy's noise into the same array, so copy k carries the noise of copies 1..k."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    parts = [X.copy()]
    current = X.copy()
    for e in noise:
        current += sigma * e
        parts.append(current.copy())
    return np.vstack(parts), np.tile(t, len(noise) + 1)
