momentum_speedup = 0.9 / (1 - 0.9)
