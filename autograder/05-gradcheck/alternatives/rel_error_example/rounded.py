rel_error_example = 0.004975
