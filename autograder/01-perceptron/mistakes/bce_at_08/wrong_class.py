bce_at_08 = -np.log(1 - 0.8)
