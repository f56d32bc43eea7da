sd_ratio = 16 / 64
