"""Collect every reachable node, then sort by creation order (a node is always made after its parents)."""

import numpy as np


def topo_sort(root):
    found, stack = {}, [root]
    while stack:
        node = stack.pop()
        if id(node) not in found:
            found[id(node)] = node
            stack.extend(node.parents)
    return sorted(found.values(), key=lambda n: n.serial)


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in reversed(topo_sort(root)):
        if node.backward_fn is not None:
            node.backward_fn()
