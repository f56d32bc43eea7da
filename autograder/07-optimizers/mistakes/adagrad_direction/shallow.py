adagrad_direction = "B"
