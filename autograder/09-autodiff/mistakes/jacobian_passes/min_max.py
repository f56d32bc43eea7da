"""The smaller size for reverse and the larger for forward."""


def jacobian_passes(n, m):
    return min(n, m), max(n, m)
