adagrad_direction = "theta_2"
