"""Uses nncourse.activations.relu and a stable softmax written out."""

import numpy as np


def mlp_forward(x, params):
    from nncourse.activations import relu

    h = x
    for W, b in params[:-1]:
        h = relu(h @ W + b)
    z = h @ params[-1][0] + params[-1][1]
    e = np.exp(z - np.max(z, axis=-1)[:, None])
    return e / np.sum(e, axis=-1)[:, None]
