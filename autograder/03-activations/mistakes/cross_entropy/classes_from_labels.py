"""Builds the one-hot matrix with t.max() + 1 columns: wrong when the last class is absent from t."""

import numpy as np


def cross_entropy(logits, t):
    n = logits.shape[0]
    m = logits.max(axis=1, keepdims=True)
    log_p = logits - m - np.log(np.exp(logits - m).sum(axis=1, keepdims=True))
    T = np.eye(t.max() + 1)[t]
    loss = -np.sum(T * log_p[:, :T.shape[1]]) / n
    grad = np.exp(log_p)
    grad[:, :T.shape[1]] -= T
    return float(loss), grad[:, :T.shape[1]] / n
