"""Iterative post-order depth-first search with an explicit stack."""

import numpy as np


def topo_sort(root):
    order, done, stack = [], set(), [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif id(node) not in done:
            done.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if id(p) not in done)
    return order


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in topo_sort(root)[::-1]:
        if node.backward_fn:
            node.backward_fn()
