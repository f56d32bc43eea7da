"""Divides by n_steps + 1, so at step n_steps the rate is still above the floor."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = min(step / (n_steps + 1), 1.0)
    return (1 - frac) * lr0 + frac * lr_min
