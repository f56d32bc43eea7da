"""Right weights, but W1 and W2 are integer arrays (np.array([[1, 1], [1, 1]])): the statement asks for float arrays."""

import numpy as np


def xor_weights():
    return {"W1": np.array([[1, 1], [1, 1]]),
            "b1": np.array([-0.5, -1.5]),
            "W2": np.array([[1], [-1]]),
            "b2": np.array([-0.5])}
