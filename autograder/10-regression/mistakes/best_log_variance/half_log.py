"""log sigma instead of log sigma**2."""

import numpy as np


def best_log_variance(residuals):
    return float(0.5 * np.log(np.mean(residuals ** 2)))
