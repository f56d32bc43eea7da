"""The multiply-adds of one example, whatever the batch."""


def count_params(sizes, N=1):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    return {"weights": weights, "biases": sum(sizes[1:]), "multiply_adds": weights}
