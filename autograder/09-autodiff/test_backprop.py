"""Hidden tests for Exercise 4, ``topo_sort(root)`` and ``backprop(root, grad=None)``.

Graphs are built by the notebook's ``run_graph`` with the student's own
operations and differentiated with ``mode="backprop"`` (the student's
``backprop``).  Each result is compared with the reference engine; when it
differs, the same graph is differentiated with the lesson's given walk
(``mode="given"``): if the two agree, ``backprop`` is right and the difference
comes from an operation graded in Exercises 1-3, so this exercise keeps its
points.  The graphs have the shapes that break wrong orders: a node used twice
whose closure a recursive walk runs twice, a leaf with three uses, a skip
connection that a breadth-first order processes too early, and a second pass
that must add to the leaves' grads.
"""

import numpy as np

from nncourse import autodiff as ref
from nncourse.grading.testing import expect, expect_close, expect_shape, fail, run_graph, weight


def run(student, program, inputs, grad=None, mode="backprop", passes=1):
    return run_graph(student, program, inputs, grad, mode, passes)


def expected(program, inputs, grad=None, passes=1):
    want = ref.evaluate(program, inputs, grad)
    return [g * passes for g in want["grads"][:len(inputs)]]


def check_leaves(student, program, inputs, label, grad=None, passes=1, hint=None):
    """Compare the leaves' grads after the student's backprop with the reference."""
    got = run(student, program, inputs, grad, "backprop", passes)["grads"][:len(inputs)]
    want = expected(program, inputs, grad, passes)
    if all(np.shape(g) == w.shape and np.allclose(g, w, rtol=1e-6, atol=1e-8) for g, w in zip(got, want)):
        return
    given = run(student, program, inputs, grad, "given", passes)["grads"][:len(inputs)]
    if all(np.shape(g) == np.shape(h) and np.allclose(g, h, rtol=1e-9, atol=1e-12) for g, h in zip(got, given)):
        return          # backprop agrees with the given walk: an operation is wrong, graded elsewhere
    for k, (g, w) in enumerate(zip(got, want)):
        what = f"{label}: grad of input {k} after your backprop"
        g = expect_shape(g, w.shape, what, "backprop must not change the shape of any grad.")
        h = hint or "Call every backward_fn once, in reversed(topo_sort(root)), after seeding the root."
        if not np.allclose(w, 0) and np.allclose(g, 0):
            h = ("Nothing reached this input: is root.grad seeded (ones, or the given grad) and is every "
                 "node with a backward_fn called?")
        elif np.allclose(g, 2 * w) and not np.allclose(w, 0):
            h = ("Exactly twice the right value: a closure ran twice. A node reached along two paths must be "
                 "processed once: walk reversed(topo_sort(root)) instead of recursing into each parent.")
        elif passes > 1 and np.allclose(g, w / passes):
            h = ("After two passes the leaves hold one pass's gradient: backprop must not reset grads "
                 "(they accumulate until the training loop zeroes them).")
        expect_close(g, w, what, h)
    fail(f"{label}: your backprop gives other gradients than the lesson's given walk.",
         "Call every backward_fn once, in reversed(topo_sort(root)).")


@weight(2)
def test_topological_order(student, rng):
    """topo_sort lists every node once, parents first, root last"""
    n, d, k = int(rng.integers(2, 5)), int(rng.integers(2, 5)), int(rng.integers(2, 5))
    program = [["matmul", 0, 1], ["tanh", 2], ["mul", 3, 3], ["add", 4, 2], ["add", 0, 0], ["matmul", 6, 1],
               ["add", 5, 7], ["sum", 8]]
    inputs = [rng.normal(size=(n, d)), rng.normal(size=(d, k))]
    res = run(student, program, inputs, mode="order")
    order, length = res["order"], res.get("length")
    total = len(inputs) + len(program)
    expect(length == total, f"topo_sort(root) for a graph of {total} nodes returned {length} entries.",
           "Every node reachable from the root, each once: keep a set of visited nodes."
           if isinstance(length, int) and length > total else
           "Every node reachable from the root must be in the list, leaves and root included.")
    missing = [i for i, p in enumerate(order) if p < 0]
    expect(not missing, f"topo_sort(root): nodes {missing} are missing from the list.",
           "Visit every parent of every node, leaves included.")
    expect(order[-1] == total - 1, "topo_sort(root): the root is not last.",
           "Append a node after its parents have been visited, so the root comes last.")
    for s, (op, *args) in enumerate(program):
        node = len(inputs) + s
        for parent in args:
            expect(order[parent] < order[node],
                   f"topo_sort(root): node {node} ({op}) comes before its parent {parent}.",
                   "Append a node only after all its parents (post-order depth-first search).")


@weight(3)
def test_shared_intermediate_node(student, rng):
    """h = tanh(x), y = sum(h * h): h's closure runs once"""
    x = rng.normal(size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    check_leaves(student, [["tanh", 0], ["mul", 1, 1], ["sum", 2]], [x], "sum(tanh(x) * tanh(x)), one tanh node")


@weight(2)
def test_leaf_used_three_times(student, rng):
    """x used three times: sum(x * x + x)"""
    x = rng.normal(size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    check_leaves(student, [["mul", 0, 0], ["add", 1, 0], ["sum", 2]], [x], "sum(x * x + x)")


@weight(2)
def test_skip_connection(student, rng):
    """h = tanh(x); h + tanh(tanh(h)): h reached along a short and a long path"""
    x = rng.normal(size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    hint = ("h must wait until the long path has reached it: a breadth-first order from the root, or a "
            "pre-order, processes h too early. Use a topological order.")
    chain = [["tanh", 0], ["tanh", 1], ["tanh", 2]]
    for program, label in ((chain + [["add", 1, 3], ["sum", 4]], "sum(h + tanh(tanh(h)))"),
                           (chain + [["add", 3, 1], ["sum", 4]], "sum(tanh(tanh(h)) + h)")):
        check_leaves(student, program, [x], label + ", h = tanh(x)", hint=hint)


@weight(1)
def test_seed_for_a_non_scalar_root(student, rng):
    """backprop(root, grad) seeds a non-scalar root with grad"""
    x = rng.normal(size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    G = rng.normal(size=x.shape)
    check_leaves(student, [["tanh", 0], ["mul", 1, 0]], [x], "tanh(x) * x seeded with a random grad", grad=G,
                 hint="Set root.grad = grad when a grad is given, ones of the root's shape otherwise.")


@weight(1)
def test_leaves_accumulate_across_passes(student, rng):
    """a second graph on the same leaves adds to their grads"""
    x, w = rng.normal(size=(3, 2)), rng.normal(size=(2, 2))
    check_leaves(student, [["matmul", 0, 1], ["tanh", 2], ["sum", 3]], [x, w],
                 "two passes of sum(tanh(x @ W)) on the same leaves", passes=2)


@weight(1)
def test_mlp_graph(student, rng):
    """a whole MLP with softmax cross-entropy"""
    n, d, h, k = 5, 2, 4, 3
    X, t = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
    inputs = [X, rng.normal(size=(d, h)), rng.normal(size=h), rng.normal(size=(h, k)), rng.normal(size=k)]
    program = [["matmul", 0, 1], ["add", 5, 2], ["tanh", 6], ["matmul", 7, 3], ["add", 8, 4],
               ["softmax_ce", 9, t.tolist()]]
    check_leaves(student, program, inputs, "softmax_cross_entropy(tanh(X W1 + b1) W2 + b2)")
