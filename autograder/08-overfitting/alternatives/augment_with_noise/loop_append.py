"""A loop that appends rows to lists, then np.array; a loop over the copies with min(..., default=inf)."""

import numpy as np


def augment_with_noise(X, t, sigma, noise):
    rows, labels = [], []
    for copy in range(len(noise) + 1):
        for n in range(len(X)):
            rows.append(X[n] if copy == 0 else X[n] + sigma * noise[copy - 1][n])
            labels.append(t[n])
    X_aug = np.array(rows, dtype=float).reshape(-1, X.shape[1])
    t_aug = np.array(labels, dtype=np.asarray(t).dtype)
    contradicted = 0
    for i in range(len(X), len(X_aug)):
        own = min((np.linalg.norm(X_aug[i] - X[j]) for j in range(len(X)) if t[j] == t_aug[i]), default=np.inf)
        other = min((np.linalg.norm(X_aug[i] - X[j]) for j in range(len(X)) if t[j] != t_aug[i]), default=np.inf)
        contradicted += other < own
    n_copies = len(X_aug) - len(X)
    return X_aug, t_aug, contradicted / n_copies if n_copies else 0.0
