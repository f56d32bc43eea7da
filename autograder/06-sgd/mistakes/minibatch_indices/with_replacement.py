"""Draws each batch's indices with replacement (rng.integers), repeating some examples and missing others."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            size = min(batch_size, n - start)
            batches.append(rng.integers(0, n, size=size))
    return batches
