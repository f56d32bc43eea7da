"""Decides pass or fail by each parameter's mean relative error, not by its worst entry."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        errs = {p: np.abs(grads[p] - numeric[p]) / np.maximum(np.abs(grads[p]) + np.abs(numeric[p]), 1e-12)
                for p in numeric}
        if max(e.mean() for e in errs.values()) <= tol:
            continue
        param = max(errs, key=lambda p: errs[p].max())
        index = np.unravel_index(int(np.argmax(errs[param])), errs[param].shape)
        report[name] = {"param": param, "index": index, "error": float(errs[param].max())}
    return report
