"""Zeroes every node's grad at the start of backprop, so the leaves never accumulate."""

import numpy as np


def backprop(root, grad=None):
    order = topo_sort(root)
    for node in order:
        node.grad = np.zeros_like(node.value)
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in reversed(order):
        if node.backward_fn is not None:
            node.backward_fn()
