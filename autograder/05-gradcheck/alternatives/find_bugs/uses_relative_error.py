"""Uses relative_error per parameter to decide, and np.argwhere on the per-entry errors to locate."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        scores = {p: relative_error(grads[p], numeric[p]) for p in numeric}
        param = max(scores, key=scores.get)
        if scores[param] <= tol:
            continue
        a, b = np.asarray(grads[param], dtype=float), np.asarray(numeric[param], dtype=float)
        err = np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)
        index = np.argwhere(err == err.max())[-1]          # the last of the tied worst entries
        report[name] = {"param": param, "index": [int(i) for i in index], "error": float(err.max())}
    return report
