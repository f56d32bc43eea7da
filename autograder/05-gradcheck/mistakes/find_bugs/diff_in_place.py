"""Subtracts the numerical gradient from the candidate's own array in place (a -= b), changing the caller's dict."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        worst = None
        for param, b in numeric.items():
            a = grads[param]
            den = np.maximum(np.abs(a) + np.abs(b), 1e-12)
            a -= b
            err = np.abs(a) / den
            flat = int(np.argmax(err))
            if worst is None or err.flat[flat] > worst["error"]:
                worst = {"param": param, "index": np.unravel_index(flat, err.shape), "error": float(err.flat[flat])}
        if worst["error"] > tol:
            report[name] = worst
    return report
