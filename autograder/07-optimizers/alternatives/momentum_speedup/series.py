momentum_speedup = 1 / (1 - 0.9)
