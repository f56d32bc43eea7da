"""Q1 computed with np.log."""
import numpy as np

Q1_INITIAL_LOSS = np.log(26)
Q2_CANNOT_OVERFIT = "c"
Q3_RATIO = "b"
