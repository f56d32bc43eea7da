"""z - log(sum(exp(z))) without the shift: exp(1000) overflows."""

import numpy as np


def log_softmax(z):
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
