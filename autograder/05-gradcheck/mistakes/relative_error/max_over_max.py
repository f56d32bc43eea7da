"""Takes the max of numerator and denominator separately: max |a - b| / max(|a| + |b|)."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(a) + np.abs(b)), tiny))
