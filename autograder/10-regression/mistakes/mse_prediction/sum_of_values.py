"""Sums the values without their probabilities."""

import numpy as np


def mse_prediction(values, probs):
    return float(np.sum(values))
