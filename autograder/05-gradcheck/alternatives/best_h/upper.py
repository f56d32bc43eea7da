best_h = "C"
