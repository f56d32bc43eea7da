"""A default batch of no examples: N=0."""


def count_params(sizes, N=0):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    return {"weights": weights, "biases": sum(sizes[1:]), "multiply_adds": N * weights}
