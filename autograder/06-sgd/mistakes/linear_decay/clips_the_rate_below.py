"""Clips the rate with min instead of max: past n_steps the line keeps falling below lr_min."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = step / n_steps
    return float(min((1 - frac) * lr0 + frac * lr_min, lr0))
