best_h = "c"
