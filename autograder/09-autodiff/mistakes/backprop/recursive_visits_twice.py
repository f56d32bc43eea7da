"""A recursive backward: run my closure, then recurse into each parent (a shared node runs twice)."""

import numpy as np


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)

    def visit(node):
        if node.backward_fn is not None:
            node.backward_fn()
        for parent in node.parents:
            visit(parent)

    visit(root)
