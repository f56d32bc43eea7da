"""Exponentiates -|z| against overflow but keeps 1 / (1 + e) everywhere: sigma(|z|), wrong for z < 0."""

import numpy as np


def logistic_predict(X, w, b):
    z = X @ w + b
    return 1.0 / (1.0 + np.exp(-np.abs(z)))
