"""NumPy arrays of sizes: int64 wraps around for a wide network and a large batch."""

import numpy as np


def count_params(sizes, N=1):
    s = np.array(sizes)
    weights = np.sum(s[:-1] * s[1:])
    return {"weights": int(weights), "biases": int(np.sum(s[1:])), "multiply_adds": int(N * weights)}
