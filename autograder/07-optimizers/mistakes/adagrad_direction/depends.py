adagrad_direction = "D"
