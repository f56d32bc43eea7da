momentum_speedup = 1
