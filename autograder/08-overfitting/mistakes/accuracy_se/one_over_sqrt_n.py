accuracy_se = 1 / np.sqrt(200)
