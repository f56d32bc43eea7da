"""Divides by n_steps - 1, reaching the floor one step early."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = min(step / max(n_steps - 1, 1), 1.0)
    return (1 - frac) * lr0 + frac * lr_min
