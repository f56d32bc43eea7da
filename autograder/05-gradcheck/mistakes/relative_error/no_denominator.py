"""Returns the absolute error max |a - b|, without dividing by |a| + |b|."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)))
