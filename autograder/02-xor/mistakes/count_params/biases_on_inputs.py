"""Gives every layer a bias, the inputs included."""


def count_params(sizes, N=1):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    return {"weights": weights, "biases": sum(sizes), "multiply_adds": N * weights}
