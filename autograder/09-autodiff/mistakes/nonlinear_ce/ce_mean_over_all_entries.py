"""Averages over all N*K entries instead of the N examples."""

import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = as_tensor(logits)
    labels = np.asarray(labels)
    z = logits.value
    n = z.shape[0]
    rows = np.arange(n)
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    out = Tensor(-log_p[rows, labels].sum() / z.size, parents=(logits,))

    def backward_fn():
        g = np.exp(log_p)
        g[rows, labels] -= 1.0
        logits.grad += out.grad * g / z.size

    out.backward_fn = backward_fn
    return out
