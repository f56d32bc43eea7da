"""The float root of the quadratic as a first guess, corrected by counting."""

import math


def width_depth_counts(d, K, L, budget):
    def n_params(H):
        sizes = [d] + [H] * L + [K]
        return sum(m * n + n for m, n in zip(sizes[:-1], sizes[1:]))

    if L == 1:
        H = int((budget - K) / (d + K + 1))
    else:
        b = d + K + L
        H = int((-b + math.sqrt(b * b + 4 * (L - 1) * (budget - K))) / (2 * (L - 1)))
    H = max(H, 1)
    while n_params(H) > budget:
        H -= 1
    while n_params(H + 1) <= budget:
        H += 1
    return H, n_params(H), math.prod([d, K] + [H] * L)
