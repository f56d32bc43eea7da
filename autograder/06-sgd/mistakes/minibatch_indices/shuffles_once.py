"""Shuffles once before the epoch loop, so every epoch has the same batches."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    batches = []
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
