"""The solution's network with every weight and bias doubled (a threshold ignores positive scaling)."""

import numpy as np


def xor_weights():
    return {"W1": np.array([[2.0, 2.0], [2.0, 2.0]]),
            "b1": np.array([-1.0, -3.0]),
            "W2": np.array([[2.0], [-2.0]]),
            "b2": np.array([-1.0])}
