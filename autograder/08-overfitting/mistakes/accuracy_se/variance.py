accuracy_se = 0.85 * 0.15 / 200
