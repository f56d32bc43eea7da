"""Guesses s = 0 (unit variance) whatever the residuals."""

import numpy as np


def best_log_variance(residuals):
    return 0.0
