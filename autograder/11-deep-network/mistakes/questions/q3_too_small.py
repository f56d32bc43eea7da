"""Q3: learning rate too small."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "a"
