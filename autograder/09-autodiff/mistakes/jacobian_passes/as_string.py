"""Answers in words instead of numbers."""


def jacobian_passes(n, m):
    return "m", "n"
