"""Divides by |a| + |b| without the tiny floor: entries that are 0 in both become nan."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        worst = None
        for param, b in numeric.items():
            a = np.asarray(grads[param], dtype=float)
            with np.errstate(invalid="ignore"):
                err = np.abs(a - b) / (np.abs(a) + np.abs(b))
            i = int(np.argmax(err))
            if worst is None or err.flat[i] > worst["error"]:
                idx = tuple(int(j) for j in np.unravel_index(i, err.shape))
                worst = {"param": param, "index": idx, "error": float(err.flat[i])}
        if worst["error"] > tol:
            report[name] = worst
    return report
