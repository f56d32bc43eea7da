"""Sets the error of entries with a zero denominator to 0 with np.divide(where=...)."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    a, b = np.atleast_1d(np.asarray(a, dtype=float)), np.atleast_1d(np.asarray(b, dtype=float))
    den = np.fmax(np.abs(a) + np.abs(b), tiny)
    out = np.zeros_like(den)
    np.divide(np.abs(a - b), den, out=out, where=den > 0)
    return float(out.max())
