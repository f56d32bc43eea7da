adagrad_direction = "A"
