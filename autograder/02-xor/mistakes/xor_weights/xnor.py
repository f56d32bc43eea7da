"""Output signs flipped: computes XNOR (NOT h1 OR h2)."""

import numpy as np


def xor_weights():
    return {"W1": np.array([[1.0, 1.0], [1.0, 1.0]]),
            "b1": np.array([-0.5, -1.5]),
            "W2": np.array([[-1.0], [1.0]]),
            "b2": np.array([0.5])}
