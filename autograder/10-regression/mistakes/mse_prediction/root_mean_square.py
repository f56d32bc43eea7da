"""The root of the expected square."""

import numpy as np


def mse_prediction(values, probs):
    return float(np.sqrt(np.sum(probs * values ** 2)))
