rel_error_example = abs(1.0 - 1.01) / (abs(1.0) + abs(1.01))
