adagrad_direction = "C"
