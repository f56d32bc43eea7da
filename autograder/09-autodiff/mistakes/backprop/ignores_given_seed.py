"""Always seeds the root with ones, ignoring the grad argument."""

import numpy as np


def backprop(root, grad=None):
    root.grad = np.ones_like(root.value)
    for node in reversed(topo_sort(root)):
        if node.backward_fn is not None:
            node.backward_fn()
