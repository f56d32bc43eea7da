"""The bias folded into the weights as a constant input 1 (augmented vectors)."""

import numpy as np


def perceptron_train(X, t, max_epochs=100):
    Xa = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(Xa.shape[1])
    mistakes = []
    for epoch in range(max_epochs):
        wrong = 0
        for x, target in zip(Xa, t):
            y = float(theta @ x >= 0)
            if y != target:
                theta += (target - y) * x
                wrong += 1
        mistakes.append(wrong)
        if not wrong:
            break
    return theta[:-1], float(theta[-1]), mistakes
