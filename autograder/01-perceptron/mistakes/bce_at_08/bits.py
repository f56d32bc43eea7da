bce_at_08 = np.log2(1 / 0.8)
