"""functools.reduce over the layers, starting from the identity layer."""

import numpy as np


def collapse_linear(layers):
    from functools import reduce

    d0 = layers[0][0].shape[0]
    return reduce(lambda acc, layer: (acc[0] @ layer[0], acc[1] @ layer[0] + layer[1]),
                  layers, (np.eye(d0), np.zeros(d0)))
