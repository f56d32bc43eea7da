params_3_25_12 = sum(m * n + n for m, n in [(3, 25), (25, 12)])
