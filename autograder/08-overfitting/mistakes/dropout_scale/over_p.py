dropout_scale = 1 / 0.2
