"""Builds numerator and denominator in place in its own float copies (at least 1-D, so floats work too)."""

import numpy as np


def relative_error(a, b, tiny=1e-12):
    num = np.array(a, dtype=float, ndmin=1)
    num -= b
    np.abs(num, out=num)
    den = np.array(a, dtype=float, ndmin=1)
    np.abs(den, out=den)
    den += np.abs(b)
    np.maximum(den, tiny, out=den)
    num /= den
    return float(num.max())
