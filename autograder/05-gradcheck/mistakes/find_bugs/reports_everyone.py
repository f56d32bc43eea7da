"""Reports every candidate's worst entry, including the candidates that pass."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        worst = None
        for param, b in numeric.items():
            a = np.asarray(grads[param], dtype=float)
            err = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)
            i = int(np.argmax(err))
            if worst is None or err.flat[i] > worst["error"]:
                idx = tuple(int(j) for j in np.unravel_index(i, err.shape))
                worst = {"param": param, "index": idx, "error": float(err.flat[i])}
        report[name] = worst
    return report
