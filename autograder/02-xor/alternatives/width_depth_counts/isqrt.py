"""The largest integer root of the quadratic, exactly, with math.isqrt; L = 1 is linear."""

from math import isqrt


def width_depth_counts(d, K, L, budget):
    a, b, c = L - 1, d + K + L, K - budget          # params(H) = a H^2 + b H + K
    if a == 0:
        H = -c // b
    else:
        H = (isqrt(b * b - 4 * a * c) - b) // (2 * a)
    n = a * H * H + b * H + K
    return H, n, d * K * H ** L
