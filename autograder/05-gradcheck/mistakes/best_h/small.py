best_h = "B"
