"""Uses the notebook's own Linear and ReLU layer classes (Exercise 2 and the given ReLU)."""

import numpy as np


def mlp_backward(x, t, params):
    layer1 = Linear(params["W1"], params["b1"])
    relu = ReLU()
    layer2 = Linear(params["W2"], params["b2"])
    z2 = layer2.forward(relu.forward(layer1.forward(x)))
    n = x.shape[0]
    s = z2 - z2.max(axis=1, keepdims=True)
    log_p = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), t].mean()
    grad = np.exp(log_p)
    grad[np.arange(n), t] -= 1
    layer1.backward(relu.backward(layer2.backward(grad / n)))
    return loss, {"W1": layer1.dW, "b1": layer1.db, "W2": layer2.dW, "b2": layer2.db}
