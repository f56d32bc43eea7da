"""Takes the means from the last block and the scales from the middle one."""

import numpy as np


def mdn_params(raw, k):
    z = raw[:, :k]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), raw[:, 2 * k:], np.exp(raw[:, k:2 * k])
