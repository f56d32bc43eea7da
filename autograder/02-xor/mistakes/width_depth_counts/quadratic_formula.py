"""Solves the quadratic (L - 1) H^2 + (d + K + L) H + K - budget = 0: divides by zero when L = 1."""

import math


def width_depth_counts(d, K, L, budget):
    a, b, c = L - 1, d + K + L, K - budget
    H = int((-b + math.sqrt(b * b - 4 * a * c)) / (2 * a))
    n_params = d * H + (L - 1) * H * H + H * K + L * H + K
    return H, n_params, d * H ** L * K
