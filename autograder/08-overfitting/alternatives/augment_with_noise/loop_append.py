"""A loop that appends rows to lists, then np.array."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    rows, labels = [], []
    for copy in range(len(noise) + 1):
        for n in range(len(X)):
            rows.append(X[n] if copy == 0 else X[n] + sigma * noise[copy - 1][n])
            labels.append(t[n])
    return np.array(rows, dtype=float).reshape(-1, X.shape[1]), np.array(labels, dtype=np.asarray(t).dtype)
