adagrad_direction = "a"
