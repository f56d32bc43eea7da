momentum_speedup = 10
