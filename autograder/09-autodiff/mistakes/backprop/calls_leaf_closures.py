"""Calls backward_fn of every node, leaves included (their backward_fn is None)."""

import numpy as np


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in reversed(topo_sort(root)):
        node.backward_fn()
