best_h = "A"
