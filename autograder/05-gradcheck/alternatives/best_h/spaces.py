best_h = " C"
