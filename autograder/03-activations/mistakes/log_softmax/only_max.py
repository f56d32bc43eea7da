"""Subtracts only the row maximum, forgetting the normalisation."""

import numpy as np


def log_softmax(z):
    return z - z.max(axis=-1, keepdims=True)
