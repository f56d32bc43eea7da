"""Splits each epoch into ceil(N/b) pieces of about equal size (np.array_split), not pieces of exactly b."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    k = int(np.ceil(n / batch_size))
    batches = []
    for _ in range(epochs):
        batches.extend(np.array_split(rng.permutation(n), k))
    return batches
