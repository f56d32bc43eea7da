"""Twice the log of the root mean square (log sigma**2 = 2 log sigma)."""

import numpy as np


def best_log_variance(residuals):
    return 2 * np.log(np.sqrt(np.mean(np.square(residuals))))
