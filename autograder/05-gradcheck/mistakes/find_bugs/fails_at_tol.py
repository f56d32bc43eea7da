"""Compares with >= tol, so a candidate whose worst error equals tol is reported as failing."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        best = (-1.0, None, None)
        for param in numeric:
            a, b = np.asarray(grads[param], dtype=float), np.asarray(numeric[param], dtype=float)
            err = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)
            if err.max() > best[0]:
                best = (float(err.max()), param, np.unravel_index(int(err.argmax()), err.shape))
        if best[0] >= tol:
            report[name] = {"param": best[1], "index": best[2], "error": best[0]}
    return report
