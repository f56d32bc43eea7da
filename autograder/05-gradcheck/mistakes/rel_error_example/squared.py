rel_error_example = (1.0 - 1.01) ** 2 / (1.0 + 1.01)
