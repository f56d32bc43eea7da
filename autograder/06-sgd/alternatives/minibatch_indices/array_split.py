"""Cuts each permutation with np.array_split at multiples of the batch size."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    cuts = np.arange(batch_size, n, batch_size)
    out = []
    for _ in range(epochs):
        out.extend(np.array_split(rng.permutation(n), cuts))
    return out
