"""Kahn's algorithm: a node is processed once all its children have passed their signal on."""

from collections import deque

import numpy as np


def _reachable(root):
    found, stack = {}, [root]
    while stack:
        node = stack.pop()
        if id(node) not in found:
            found[id(node)] = node
            stack.extend(node.parents)
    return found


def topo_sort(root):
    nodes = _reachable(root)
    children = {k: 0 for k in nodes}
    for node in nodes.values():
        for p in node.parents:
            children[id(p)] += 1
    ready, reverse_order = deque([root]), []
    while ready:
        node = ready.popleft()
        reverse_order.append(node)
        for p in node.parents:
            children[id(p)] -= 1
            if children[id(p)] == 0:
                ready.append(p)
    return reverse_order[::-1]


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value) if grad is None else np.array(grad, dtype=float)
    for node in reversed(topo_sort(root)):
        if node.backward_fn is not None:
            node.backward_fn()
