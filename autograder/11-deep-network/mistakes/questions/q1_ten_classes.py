"""Q1 answered with log 10, the value for the digits."""
Q1_INITIAL_LOSS = 2.30
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "b"
