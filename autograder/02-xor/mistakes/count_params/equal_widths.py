"""The formula of an MLP whose hidden layers all have the first hidden layer's width."""


def count_params(sizes, N=1):
    d, H, K, L = sizes[0], sizes[1], sizes[-1], len(sizes) - 2
    if L == 0:
        weights = d * K
    else:
        weights = d * H + (L - 1) * H * H + H * K
    return {"weights": weights, "biases": sum(sizes[1:]), "multiply_adds": N * weights}
