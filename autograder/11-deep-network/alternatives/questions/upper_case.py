"""Letters in upper case."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "C"
Q3_RATIO = "B"
