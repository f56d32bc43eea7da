"""Shift by the maximum first, then subtract log(sum(exp)) of the shifted logits, broadcast with [..., None]."""

import numpy as np


def log_softmax(z):
    shifted = z - z.max(axis=-1)[..., None]
    return shifted - np.log(np.exp(shifted).sum(axis=-1))[..., None]
