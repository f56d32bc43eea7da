"""Q2: a wider network first."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "d"
Q3_RATIO = "b"
