"""np.vdot for the squared norm, key[0] == 'W', returns a numpy float."""

import numpy as np


def l2_penalty(params, lam):
    value = np.float64(0.0)
    grads = {}
    for key in params:
        W = np.asarray(params[key], dtype=float)
        if key[0] == "W":
            value = value + lam * np.vdot(W, W) / 2
            grads[key] = W * lam
        else:
            grads[key] = 0.0 * W
    return value, grads
