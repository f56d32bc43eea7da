"""topo_sort lists the root's ancestors but not the root itself."""

import numpy as np


def topo_sort(root):
    order, visited = [], set()

    def visit(node):
        if id(node) in visited:
            return
        visited.add(id(node))
        for parent in node.parents:
            visit(parent)
        order.append(node)

    for parent in root.parents:
        visit(parent)
    return order
