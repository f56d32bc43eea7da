"""Clips with the integer 1 and returns the expression as it comes: an int rate at the floor for integer arguments."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = min(step / n_steps, 1)
    return (1 - frac) * lr0 + frac * lr_min
