"""Multiplies all the sizes (that counts paths, not weights)."""

import math


def count_params(sizes, N=1):
    weights = math.prod(sizes)
    return {"weights": weights, "biases": sum(sizes[1:]), "multiply_adds": N * weights}
