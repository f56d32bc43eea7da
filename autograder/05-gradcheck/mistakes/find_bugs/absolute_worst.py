"""Picks the worst entry by the absolute difference |a - b| instead of the relative error."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        best = None
        for param, b in numeric.items():
            a = np.asarray(grads[param], dtype=float)
            diff = np.abs(a - b)
            idx = np.unravel_index(np.argmax(diff), diff.shape)
            rel = float(diff[idx] / max(abs(a[idx]) + abs(b[idx]), 1e-12))
            if best is None or diff[idx] > best[0]:
                best = (diff[idx], {"param": param, "index": tuple(int(i) for i in idx), "error": rel})
        if best[1]["error"] > tol:
            report[name] = best[1]
    return report
