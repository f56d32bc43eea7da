"""Decays lr0 towards zero and clips at lr_min, instead of drawing the line from lr0 to lr_min."""


def linear_decay(step, lr0, lr_min, n_steps):
    return max(lr0 * (1 - step / n_steps), lr_min)
