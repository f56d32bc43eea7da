sd_ratio = (16 / 64) ** 0.5
