"""Branches on step >= n_steps (then float(lr_min)) and writes the line as lr0 - (lr0 - lr_min) * step / n_steps."""


def linear_decay(step, lr0, lr_min, n_steps):
    if step >= n_steps:
        return float(lr_min)
    return lr0 - (lr0 - lr_min) * step / n_steps
