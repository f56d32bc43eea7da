dropout_scale = 1
