dropout_scale = 0.2
