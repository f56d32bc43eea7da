"""Right weights, but W2 of shape (2,) and b2 a scalar-like (1,) array: W2 has the wrong shape."""

import numpy as np


def xor_weights():
    return {"W1": np.array([[1.0, 1.0], [1.0, 1.0]]),
            "b1": np.array([-0.5, -1.5]),
            "W2": np.array([1.0, -1.0]),
            "b2": np.array([-0.5])}
