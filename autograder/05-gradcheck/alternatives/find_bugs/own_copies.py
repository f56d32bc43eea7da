"""Per-entry errors built in place in its own float copies; the index from np.unravel_index as a tuple."""

import numpy as np


def find_bugs(candidates, numeric, tol=1e-6):
    report = {}
    for name, grads in candidates.items():
        worst = (-1.0, "", ())
        for param, b in numeric.items():
            err = np.array(grads[param], dtype=float, copy=True)
            den = np.abs(err)
            err -= b
            np.abs(err, out=err)
            den += np.abs(b)
            np.maximum(den, 1e-12, out=den)
            err /= den
            k = int(err.argmax())
            if err.flat[k] > worst[0]:
                worst = (float(err.flat[k]), param, tuple(int(i) for i in np.unravel_index(k, err.shape)))
        if worst[0] > tol:
            report[name] = {"param": worst[1], "index": worst[2], "error": worst[0]}
    return report
