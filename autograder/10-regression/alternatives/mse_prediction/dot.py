"""The expectation as a dot product."""

import numpy as np


def mse_prediction(values, probs):
    return float(np.dot(values, probs))
