"""Another formula: lr0 - (lr0 - lr_min) * k / tau, then max with the floor (lr_min <= lr0)."""


def linear_decay(step, lr0, lr_min, n_steps):
    return max(float(lr0) - (lr0 - lr_min) * step / n_steps, float(lr_min))
