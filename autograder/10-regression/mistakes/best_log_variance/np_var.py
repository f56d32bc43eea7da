"""Uses np.var, which subtracts the mean of the residuals."""

import numpy as np


def best_log_variance(residuals):
    return float(np.log(np.var(residuals)))
