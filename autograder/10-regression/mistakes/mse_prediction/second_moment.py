"""The expected square of the target."""

import numpy as np


def mse_prediction(values, probs):
    return float(np.sum(probs * values ** 2))
