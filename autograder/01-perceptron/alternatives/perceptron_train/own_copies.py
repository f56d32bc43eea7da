"""Appends a column of ones to its own float copy of X and updates its own theta in place."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    Xa = np.ones((X.shape[0], X.shape[1] + 1))
    Xa[:, :-1] = X
    targets = np.array(t, dtype=float)
    theta = np.zeros(Xa.shape[1])
    mistakes = []
    for _ in range(max_epochs):
        count = 0
        for n in range(len(targets)):
            y = 1.0 if Xa[n] @ theta >= 0 else 0.0
            if y != targets[n]:
                Xa[n] *= targets[n] - y
                theta += Xa[n]
                Xa[n] *= targets[n] - y
                count += 1
        mistakes.append(count)
        if count == 0:
            break
    return theta[:-1].copy(), float(theta[-1]), mistakes
