"""itertools.pairwise over the layer sizes."""

from itertools import pairwise


def count_params(sizes, N=1):
    layers = list(pairwise(sizes))
    weights = sum(a * b for a, b in layers)
    return dict(weights=weights, biases=sum(b for _, b in layers), multiply_adds=sum(N * a * b for a, b in layers))
