"""Hidden tests for Exercise 1: ``unbroadcast(grad, shape)``, ``add(a, b)`` and ``mul(a, b)``.

The operations are driven through the notebook's ``run_graph(program, inputs,
grad, mode="given")``, whose backward walk is the lesson's own (creation order),
so these tests grade the operations alone.  Expected values come from the
reference engine :mod:`nncourse.autodiff`, itself checked against finite
differences in the project's tests.
"""

import numpy as np

from nncourse import autodiff as ref
from nncourse.grading.testing import expect_close, expect_shape, run_graph, weight

MUL_RULE = "a.grad += unbroadcast(out.grad * b.value, a.shape); b.grad += unbroadcast(out.grad * a.value, b.shape)."


def sizes(rng):
    n = int(rng.integers(3, 7))
    d = n + int(rng.integers(1, 4))        # N != D, so a sum over the wrong axis has the wrong shape
    return n, d


def check_binary(student, op, a, b, g, label, hint):
    res = run_graph(student, [[op, 0, 1]], [a, b], g)
    want = ref.evaluate([[op, 0, 1]], [a, b], g)
    expect_close(res["value"], want["value"], f"{label}: value",
                 f"The forward value is a {'+' if op == 'add' else '*'} b.")
    for k, name in ((0, "a"), (1, "b")):
        exp = want["grads"][k]
        what = f"{label}: {name}.grad (shape {exp.shape})"
        got = expect_shape(res["grads"][k], exp.shape, what,
                           "A parent's grad keeps the parent's shape: pass the signal through "
                           "unbroadcast(..., parent.shape).")
        h = hint
        if op == "mul" and np.allclose(got, ref.unbroadcast(g * (a if k == 0 else b), exp.shape)) \
                and not np.allclose(got, exp):
            h = "Each operand gets out.grad times the OTHER operand: a.grad += out.grad * b.value."
        elif exp.size < g.size and np.allclose(got * (g.size // exp.size), exp) and not np.allclose(got, exp):
            h = "You averaged the copies' signals; broadcasting is fan-out, so unbroadcast must sum them."
        expect_close(got, exp, what, h)


@weight(2)
def test_unbroadcast(student, rng):
    """unbroadcast sums over added leading axes and stretched axes of length 1"""
    # when nothing was broadcast, handing back grad itself is a valid unbroadcast
    fn = student.function("unbroadcast", allow_alias=("grad",))
    n, d = sizes(rng)
    g = rng.normal(size=(n, d))
    for shape in [(d,), (1, d), (n, 1), (), (n, d), (1, 1)]:
        exp = ref.unbroadcast(g, shape)
        what = f"unbroadcast(grad of shape {(n, d)}, {shape})"
        hint = "Sum over the axes NumPy added on the left, then over the axes where shape has 1, keeping them."
        got = expect_shape(fn(g, shape), shape, what, hint)
        if got.size and exp.size and np.allclose(got * (g.size // max(exp.size, 1)), exp) and not np.allclose(got, exp):
            hint = "You took a mean; the broadcast copies' signals add up: use sum."
        expect_close(got, exp, what, hint)
    g3 = rng.normal(size=(2, n, d))
    for shape in [(d,), (n, 1)]:
        expect_close(fn(g3, shape), ref.unbroadcast(g3, shape), f"unbroadcast(grad of shape {(2, n, d)}, {shape})",
                     "Sum over every leading axis that the operand does not have, not only the first.")


@weight(2)
def test_add_with_a_broadcast_bias(student, rng):
    """add: X (N, D) + b (D,), value and both gradients"""
    n, d = sizes(rng)
    x, b, g = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=(n, d))
    check_binary(student, "add", x, b, g, f"add(X {x.shape}, b {b.shape})",
                 "Both operands receive out.grad; b was copied to every row, so its grad is the sum over rows.")


@weight(1)
def test_add_other_shapes(student, rng):
    """add: (N, 1) + (1, D) and a scalar + (N, D)"""
    n, d = sizes(rng)
    g = rng.normal(size=(n, d))
    check_binary(student, "add", rng.normal(size=(n, 1)), rng.normal(size=(1, d)), g, f"add(({n}, 1), (1, {d}))",
                 "Sum over the axes where the operand had length 1, keeping them (keepdims=True).")
    check_binary(student, "add", np.asarray(rng.normal()), rng.normal(size=(n, d)), g, f"add(scalar, ({n}, {d}))",
                 "A scalar (shape ()) was copied to every entry: its grad is the sum of all entries of out.grad.")


@weight(2)
def test_mul(student, rng):
    """mul: elementwise with broadcasting, value and both gradients"""
    n, d = sizes(rng)
    g = rng.normal(size=(n, d))
    check_binary(student, "mul", rng.normal(size=(n, d)), rng.normal(size=d), g, f"mul(X ({n}, {d}), s ({d},))",
                 MUL_RULE)
    check_binary(student, "mul", rng.normal(size=(n, 1)), rng.normal(size=(1, d)), g, f"mul(({n}, 1), (1, {d}))",
                 MUL_RULE)


@weight(2)
def test_same_tensor_twice(student, rng):
    """x * x and x + x: both contributions reach x (fan-out accumulates)"""
    n, d = sizes(rng)
    x, g = rng.normal(size=(n, d)), rng.normal(size=(n, d))
    for op, exp, half in (("mul", 2 * x * g, x * g), ("add", 2 * g, g)):
        res = run_graph(student, [[op, 0, 0]], [x], g)
        got = expect_shape(res["grads"][0], x.shape, f"{op}(x, x): x.grad", "x.grad has x's shape.")
        hint = "x is both operands, so its grad receives two contributions."
        if np.allclose(got, half):
            hint = ("x.grad holds one contribution only: the second overwrote the first. "
                    "Add into grads with +=, never assign.")
        expect_close(got, exp, f"{op}(x, x): x.grad", hint)


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one row: (1, D) + (D,) and (1, D) * (D,)"""
    d = int(rng.integers(2, 6))
    x, b, g = rng.normal(size=(1, d)), rng.normal(size=d), rng.normal(size=(1, d))
    check_binary(student, "add", x, b, g, f"add(X (1, {d}), b ({d},))",
                 "The leading axis of length 1 was added by broadcasting: sum it away so b.grad has shape (D,).")
    check_binary(student, "mul", x, b, g, f"mul(X (1, {d}), s ({d},))",
                 "The leading axis of length 1 was added by broadcasting: sum it away so the grad has shape (D,).")
