momentum_speedup = sum(0.9 ** k for k in range(2000))
