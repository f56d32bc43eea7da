accuracy_se = np.sqrt(0.85 * 0.15)
