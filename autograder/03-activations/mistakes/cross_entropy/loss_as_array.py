"""Returns the loss as a one-element array instead of a float."""

import numpy as np


def cross_entropy(logits, t):
    n = logits.shape[0]
    m = logits.max(axis=1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(n), t] -= 1.0
    return -log_p[np.arange(n), t].sum(keepdims=True) / n, grad / n
