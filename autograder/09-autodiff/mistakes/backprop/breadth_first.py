"""Orders the nodes breadth-first from the root (not a topological order)."""

from collections import deque

import numpy as np


def topo_sort(root):
    seen, order, queue = {id(root)}, [], deque([root])
    while queue:
        node = queue.popleft()
        order.append(node)
        for parent in node.parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                queue.append(parent)
    return order[::-1]
