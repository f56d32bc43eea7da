"""Collects the indices in a float array (np.zeros), so every batch holds floats, not integer indices."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        order = np.zeros(n)
        order[:] = rng.permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
