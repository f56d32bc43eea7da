accuracy_se = standard_error(0.85, 200)
