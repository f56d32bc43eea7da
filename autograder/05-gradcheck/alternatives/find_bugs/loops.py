"""Plain loops over every entry with np.ndindex; the index is a list."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name in candidates:
        best_err, best_param, best_idx = -1.0, None, None
        for param in numeric:
            a, b = np.asarray(candidates[name][param]), np.asarray(numeric[param])
            for idx in np.ndindex(b.shape):
                e = abs(a[idx] - b[idx]) / max(abs(a[idx]) + abs(b[idx]), 1e-12)
                if e > best_err:
                    best_err, best_param, best_idx = e, param, list(idx)
        if best_err > tol:
            report[name] = {"param": best_param, "index": best_idx, "error": best_err}
    return report
