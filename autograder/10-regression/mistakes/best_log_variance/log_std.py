"""The log of the standard deviation."""

import numpy as np


def best_log_variance(residuals):
    return float(np.log(np.std(residuals)))
