sd_ratio = 64 / 16
