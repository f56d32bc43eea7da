"""Converts everything to float arrays first and returns a float for scalar inputs."""

import numpy as np


def two_sided_difference(f_plus, f_minus, h):
    fp, fm, h = (np.asarray(v, dtype=np.float64) for v in (f_plus, f_minus, h))
    out = (fp - fm) / (h + h)
    return float(out) if out.ndim == 0 else out


def one_sided_difference(f_plus, f_x, h):
    fp, fx, h = (np.asarray(v, dtype=np.float64) for v in (f_plus, f_x, h))
    out = np.divide(fp - fx, h)
    return float(out) if out.ndim == 0 else out
