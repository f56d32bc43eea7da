"""Subtracts f_minus from the caller's f_plus in place (f_plus -= f_minus) before dividing."""


def two_sided_difference(f_plus, f_minus, h):
    f_plus -= f_minus
    return f_plus / (2.0 * h)


def one_sided_difference(f_plus, f_x, h):
    return (f_plus - f_x) / h
