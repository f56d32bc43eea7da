"""Depth-first, but appends a node before its parents (pre-order), then reverses."""

import numpy as np


def topo_sort(root):
    order, visited = [], set()

    def visit(node):
        if id(node) in visited:
            return
        visited.add(id(node))
        order.append(node)
        for parent in node.parents:
            visit(parent)

    visit(root)
    return order[::-1]
