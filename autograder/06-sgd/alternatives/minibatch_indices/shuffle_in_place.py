"""Shuffles one index array in place every epoch, and copies each batch out of it."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    idx = np.arange(n)
    batches = []
    epoch = 0
    while epoch < epochs:
        rng.shuffle(idx)
        start = 0
        while start < n:
            batches.append(idx[start:start + batch_size].copy())
            start += batch_size
        epoch += 1
    return batches
