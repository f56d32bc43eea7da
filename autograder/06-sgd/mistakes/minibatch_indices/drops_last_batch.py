"""Drops the last, smaller batch of each epoch."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n - batch_size + 1, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
