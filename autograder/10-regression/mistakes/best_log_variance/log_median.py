"""The log of the median squared residual."""

import numpy as np


def best_log_variance(residuals):
    return float(np.log(np.median(residuals ** 2)))
