sd_ratio = np.sqrt(64 / 16)
