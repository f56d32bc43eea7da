"""Squares H with math.pow, which returns a float: 412.0 is not an integer count."""

import math


def count_params(d, H, L, K, biases=True):
    n = d * H + (L - 1) * math.pow(H, 2) + H * K
    if biases:
        n += L * H + K
    return n
