"""Counts the bias as an int (b = 0, b += 1) and returns it as one, though the statement asks for a float."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    w, b, mistakes = np.zeros(X.shape[1]), 0, []

    def one_epoch(w, b):
        wrong = 0
        for n in range(len(t)):
            step = int(t[n]) - int(X[n] @ w + b >= 0)
            w, b, wrong = w + step * X[n], b + step, wrong + abs(step)
        return w, b, wrong

    while len(mistakes) < max_epochs and (not mistakes or mistakes[-1] > 0):
        w, b, wrong = one_epoch(w, b)
        mistakes.append(wrong)
    return w, b, mistakes
