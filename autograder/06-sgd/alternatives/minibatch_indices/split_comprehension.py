"""One comprehension: np.split of each epoch's permutation at multiples of b (epochs drawn in order from one rng)."""

import numpy as np


def minibatch_indices(n, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    cuts = list(range(batch_size, n, batch_size))
    return [batch for order in (rng.permutation(n) for _ in range(epochs)) for batch in np.split(order, cuts)]
