dropout_scale = 0.8
