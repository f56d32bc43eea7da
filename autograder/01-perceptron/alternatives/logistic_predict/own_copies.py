"""Works on its own z in place: z becomes -|z|, then exp(-|z|), then the two stable forms."""

import numpy as np


def logistic_predict(X, w, b):
    z = X @ w + b
    e = -np.abs(z).astype(float)
    np.exp(e, out=e)
    out = 1.0 / (1.0 + e)
    neg = z < 0
    out[neg] *= e[neg]
    return out
