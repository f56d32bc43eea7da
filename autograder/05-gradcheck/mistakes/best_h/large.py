best_h = "D"
