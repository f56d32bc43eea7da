"""Subtracts 1 in whole columns, p[:, t] -= 1, instead of once per row."""

import numpy as np


def cross_entropy(logits, t):
    n = len(t)
    rows = np.arange(n)
    loss = -np.mean(log_softmax(logits)[rows, t])
    grad = softmax(logits)
    grad[:, t] -= 1.0
    return loss, grad / n
