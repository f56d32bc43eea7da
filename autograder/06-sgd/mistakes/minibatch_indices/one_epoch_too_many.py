"""Runs epochs + 1 epochs (an off-by-one in the epoch loop)."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
