"""Shuffles a fresh arange in place each epoch (rng.shuffle: the same draws as rng.permutation(n)), with while loops."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    batches = []
    epoch = 0
    while epoch < epochs:
        idx = np.arange(n)
        rng.shuffle(idx)
        start = 0
        while start < n:
            batches.append(idx[start:start + batch_size].copy())
            start += batch_size
        epoch += 1
    return batches
