"""Decays geometrically from lr0 to lr_min instead of linearly."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = min(step / n_steps, 1.0)
    return lr0 * (lr_min / lr0) ** frac
