bce_at_08 = np.log(0.8)
