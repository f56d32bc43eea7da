best_h = 1e-5
