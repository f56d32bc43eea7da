accuracy_se = np.sqrt(0.85 * (1 - 0.85) / 200)
