momentum_speedup = 0.9
