"""Squares the caller's residuals in place before averaging them."""

import numpy as np


def best_log_variance(residuals):
    residuals **= 2
    return float(np.log(np.mean(residuals)))
