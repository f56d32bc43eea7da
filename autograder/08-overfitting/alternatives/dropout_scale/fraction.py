dropout_scale = 5 / 4
