"""Changes the default to tol=1e-4, so a candidate off by 1e-5 passes when no tol is given."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-4):
    report = {}
    for name, grads in candidates.items():
        errs = {p: np.abs(grads[p] - numeric[p]) / np.maximum(np.abs(grads[p]) + np.abs(numeric[p]), 1e-12)
                for p in numeric}
        param = max(errs, key=lambda p: errs[p].max())
        if errs[param].max() > tol:
            index = np.unravel_index(int(np.argmax(errs[param])), errs[param].shape)
            report[name] = {"param": param, "index": index, "error": float(errs[param].max())}
    return report
