"""Q3: the network is too deep."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "c"
