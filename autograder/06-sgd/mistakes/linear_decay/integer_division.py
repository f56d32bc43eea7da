"""Uses integer division step // n_steps, so the rate jumps from lr0 straight to lr_min."""


def linear_decay(step, lr0, lr_min, n_steps):
    frac = min(step // n_steps, 1)
    return (1 - frac) * lr0 + frac * lr_min
