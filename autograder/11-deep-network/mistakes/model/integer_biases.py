"""Biases start as integer zeros: np.zeros(n_out, dtype=int)."""

import numpy as np


def init_params(layer_sizes, seed):
    rng = np.random.default_rng(seed)
    shapes = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    return [{"W": np.sqrt(2.0 / n_in) * rng.standard_normal((n_in, n_out)), "b": np.zeros(n_out, dtype=int)}
            for n_in, n_out in shapes]
