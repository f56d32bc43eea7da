"""The log of the mean absolute residual."""

import numpy as np


def best_log_variance(residuals):
    return float(np.log(np.mean(np.abs(residuals))))
