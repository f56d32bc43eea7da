"""exp of the logits, never divided by their sum: the weights do not sum to 1."""

import numpy as np


def mdn_params(raw, k):
    return np.exp(raw[:, :k]), raw[:, k:2 * k], np.exp(raw[:, 2 * k:])
