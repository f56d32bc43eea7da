dropout_scale = 1 / (1 - 0.2)
