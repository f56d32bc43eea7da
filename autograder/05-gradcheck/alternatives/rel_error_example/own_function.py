rel_error_example = float(relative_error(np.array([1.0]), np.array([1.01])))
