"""np.average with weights (normalises by their sum, which is 1)."""

import numpy as np


def mse_prediction(values, probs):
    return np.average(values, weights=probs)
