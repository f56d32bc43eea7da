"""Counts the multiplications and the additions separately: twice the multiply-adds."""


def count_params(sizes, N=1):
    weights = sum(m * n for m, n in zip(sizes[:-1], sizes[1:]))
    return {"weights": weights, "biases": sum(sizes[1:]), "multiply_adds": 2 * N * weights}
