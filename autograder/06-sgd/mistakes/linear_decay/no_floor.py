"""Keeps following the line after n_steps, going below the floor (and eventually negative)."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = step / n_steps
    return (1 - frac) * lr0 + frac * lr_min
