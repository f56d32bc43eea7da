"""No hidden biases: both hidden units fire everywhere on the positive quadrant."""

import numpy as np


def xor_weights():
    return {"W1": np.array([[1.0, 1.0], [1.0, 1.0]]),
            "b1": np.array([0.0, 0.0]),
            "W2": np.array([[1.0], [-1.0]]),
            "b2": np.array([-0.5])}
