"""Three decimals; letters with spaces around them."""
Q1_INITIAL_LOSS = 3.258
Q2_CANNOT_OVERFIT = " c "
Q3_RATIO = "b "
