"""Averages log r**2 instead of taking the log of the mean."""

import numpy as np


def best_log_variance(residuals):
    return float(np.mean(np.log(residuals ** 2)))
