"""Counts adding the biases as multiply-adds: N times all the parameters."""


def count_params(sizes, N=1):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    biases = sum(sizes[1:])
    return {"weights": weights, "biases": biases, "multiply_adds": N * (weights + biases)}
