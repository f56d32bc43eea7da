"""Q3: the L2 penalty is too strong."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "d"
