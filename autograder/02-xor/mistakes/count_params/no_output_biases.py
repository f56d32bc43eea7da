"""Biases on the hidden units only: the output layer's are forgotten."""


def count_params(sizes, N=1):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    return {"weights": weights, "biases": sum(sizes[1:-1]), "multiply_adds": N * weights}
