"""Stops at the first parameter that fails instead of finding the worst one."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        for param, b in numeric.items():
            a = np.asarray(grads[param], dtype=float)
            err = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)
            if err.max() > tol:
                idx = tuple(int(j) for j in np.unravel_index(np.argmax(err), err.shape))
                report[name] = {"param": param, "index": idx, "error": float(err.max())}
                break
    return report
