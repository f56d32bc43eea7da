"""Q2: dropout for a network that underfits."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "a"
Q3_RATIO = "b"
