"""Takes np.log of a (stable) softmax: -inf where a probability underflows to 0."""

import numpy as np


def log_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return np.log(e / e.sum(axis=-1, keepdims=True))
