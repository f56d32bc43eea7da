sd_ratio = np.sqrt(16 / 64)
