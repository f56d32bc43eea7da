rel_error_example = abs(1.0 - 1.01)
