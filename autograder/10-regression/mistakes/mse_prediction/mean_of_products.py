"""np.mean of probs * values (divides the expectation by J)."""

import numpy as np


def mse_prediction(values, probs):
    return float(np.mean(probs * values))
