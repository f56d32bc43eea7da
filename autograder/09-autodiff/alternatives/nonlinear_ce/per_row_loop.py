"""The loss and its gradient one example at a time, with the max shift per row."""

import numpy as np


def softmax_cross_entropy(logits, labels):
    logits = as_tensor(logits)
    labels = np.asarray(labels)
    z = logits.value
    n = z.shape[0]
    total, probs = 0.0, np.zeros_like(z)
    for i in range(n):
        m = z[i].max()
        e = np.exp(z[i] - m)
        probs[i] = e / e.sum()
        total += m + np.log(e.sum()) - z[i, labels[i]]
    out = Tensor(total / n, parents=(logits,))

    def backward_fn():
        for i in range(n):
            row = probs[i].copy()
            row[labels[i]] -= 1.0
            logits.grad[i] += out.grad * row / n

    out.backward_fn = backward_fn
    return out
