"""A Python loop over the flattened entries, keeping the worst."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    worst = 0.0
    for ai, bi in zip(np.ravel(a), np.ravel(b)):
        worst = max(worst, abs(ai - bi) / max(abs(ai) + abs(bi), tiny))
    return float(worst)
