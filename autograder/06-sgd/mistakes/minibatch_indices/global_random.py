"""Shuffles with numpy's global random state, ignoring the seed: runs cannot be repeated."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    batches = []
    for _ in range(epochs):
        order = np.random.permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
