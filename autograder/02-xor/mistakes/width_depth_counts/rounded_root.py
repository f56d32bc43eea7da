"""Rounds the root of the quadratic to the nearest width instead of down: sometimes over the budget."""

import math


def width_depth_counts(d, K, L, budget):
    if L == 1:
        H = round((budget - K) / (d + K + 1))
    else:
        a, b, c = L - 1, d + K + L, K - budget
        H = round((-b + math.sqrt(b * b - 4 * a * c)) / (2 * a))
    n_params = d * H + (L - 1) * H * H + H * K + L * H + K
    return H, n_params, d * H ** L * K
