"""Q1 answered with the probability 1/26 instead of the loss."""
Q1_INITIAL_LOSS = 0.038
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "b"
