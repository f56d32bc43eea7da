"""Looks the counts up by name: one VJP per output, one JVP per input."""


def jacobian_passes(n, m):
    passes = {"reverse": m, "forward": n}
    return passes["reverse"], passes["forward"]
