"""Does not shuffle: takes the examples in the order 0, 1, 2, ..."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    batches = []
    for _ in range(epochs):
        for start in range(0, n, batch_size):
            batches.append(np.arange(start, min(start + batch_size, n)))
    return batches
