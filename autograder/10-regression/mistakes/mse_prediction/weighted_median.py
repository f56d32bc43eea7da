"""The weighted median (minimises the absolute error, not the squared one)."""

import numpy as np


def mse_prediction(values, probs):
    order = np.argsort(values)
    cum = np.cumsum(probs[order])
    return float(values[order][np.searchsorted(cum, 0.5)])
