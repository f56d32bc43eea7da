"""Uses np.interp, which is flat outside the given points."""

import numpy as np


def linear_decay(step, lr0, lr_min, n_steps):
    return float(np.interp(step, [0, n_steps], [lr0, lr_min]))
