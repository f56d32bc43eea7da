"""topo_sort without a visited set: a node reached along two paths is listed (and run) twice."""

import numpy as np


def topo_sort(root):
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order
