"""Sums the per-example losses and gradients instead of averaging over the batch."""

import numpy as np


def cross_entropy(logits, t):
    rows = np.arange(len(t))
    loss = -np.sum(log_softmax(logits)[rows, t])
    grad = softmax(logits)
    grad[rows, t] -= 1.0
    return loss, grad
