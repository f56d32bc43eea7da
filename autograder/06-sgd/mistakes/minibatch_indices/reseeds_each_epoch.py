"""Creates the generator inside the epoch loop, so each epoch repeats the same permutation."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    batches = []
    for _ in range(epochs):
        rng = np.random.default_rng(seed)
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
