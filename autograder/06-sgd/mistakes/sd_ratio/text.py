sd_ratio = "1/2"
