"""Seeds NumPy's legacy global generator (np.random.seed) instead of making rng = np.random.default_rng(seed)."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    np.random.seed(seed)
    batches = []
    for _ in range(epochs):
        order = np.random.permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
