adagrad_direction = "A "
