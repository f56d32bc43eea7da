"""Index loops, a while loop, a branch per kind of mistake; b counted as an int, returned as a float."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    n, d = X.shape
    w = np.zeros(d)
    b = 0
    mistakes = []
    epoch = 0
    while epoch < max_epochs:
        errors = 0
        for i in range(n):
            fired = np.dot(w, X[i]) + b >= 0
            if fired and t[i] == 0:
                w -= X[i]
                b -= 1
                errors += 1
            elif not fired and t[i] == 1:
                w += X[i]
                b += 1
                errors += 1
        mistakes.append(errors)
        epoch += 1
        if errors == 0:
            break
    return w, float(b), mistakes
