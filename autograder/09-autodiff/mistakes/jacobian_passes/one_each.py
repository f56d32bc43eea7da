"""One pass of either kind, as if one pass gave the whole Jacobian."""


def jacobian_passes(n, m):
    return 1, 1
