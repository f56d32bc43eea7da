"""np.heaviside with the value 1 at zero, and einsum for the weighted sums."""

import numpy as np


def neuron_forward(X, w, b):
    z = np.einsum("nd,d->n", X, w) + b
    return z, np.heaviside(z, 1.0)
