dropout_scale = 1.25
