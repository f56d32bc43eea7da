"""Q1 with the base-10 logarithm."""
Q1_INITIAL_LOSS = 1.41
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "b"
