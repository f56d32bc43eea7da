"""The loop over layers stops one layer early: the matrix into the outputs is missing."""


def count_params(sizes, N=1):
    weights = biases = 0
    for l in range(1, len(sizes) - 1):
        weights += sizes[l - 1] * sizes[l]
        biases += sizes[l]
    biases += sizes[-1]
    return {"weights": weights, "biases": biases, "multiply_adds": N * weights}
