"""Divides with // (floor division): whole-number estimates, and integers for integer inputs."""


def two_sided_difference(f_plus, f_minus, h):
    return (f_plus - f_minus) // (2 * h)


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) // h
