momentum_speedup = 1 / 0.9
