"""Calls the closures in topological order (leaves first) instead of reversed."""

import numpy as np


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in topo_sort(root):
        if node.backward_fn is not None:
            node.backward_fn()
