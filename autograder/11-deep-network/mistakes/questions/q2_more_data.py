"""Q2: more data, although 20 examples should be memorised."""
Q1_INITIAL_LOSS = 3.26
Q2_CANNOT_OVERFIT = "b"
Q3_RATIO = "b"
