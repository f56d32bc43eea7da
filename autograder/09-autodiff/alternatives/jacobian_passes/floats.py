"""Floats that are whole numbers."""


def jacobian_passes(n, m):
    reverse = float(m)
    forward = float(n)
    return (reverse, forward)
