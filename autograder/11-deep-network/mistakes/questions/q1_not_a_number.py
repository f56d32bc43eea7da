"""Q1 answered in words."""
Q1_INITIAL_LOSS = "log 26"
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "b"
