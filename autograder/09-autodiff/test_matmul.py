"""Hidden tests for Exercise 2, ``matmul(a, b)``: a (N, D) @ b (D, K).

Driven through the notebook's ``run_graph`` with the lesson's own backward walk
(``mode="given"``), so only the operation is graded.  Sizes are drawn with
N, D and K all different, so a missing or extra transpose shows in the shape.
"""

import numpy as np

from nncourse.grading.testing import expect_close, expect_shape, make_test, run_graph, weight


def draw(rng, n=None):
    sizes = rng.choice(np.arange(2, 9), size=3, replace=False)
    d, k = int(sizes[1]), int(sizes[2])
    n = int(sizes[0]) if n is None else n
    return rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=(n, k))


def label(A, B):
    return f"matmul(A {A.shape}, B {B.shape})"


def check_grads(student, A, B, G):
    res = run_graph(student, [["matmul", 0, 1]], [A, B], G)
    n = A.shape[0]
    for k, name, exp, shape_hint in (
            (0, "A.grad", G @ B.T, "A.grad has A's shape (N, D): out.grad (N, K) @ B.T (K, D)."),
            (1, "B.grad", A.T @ G, "B.grad has B's shape (D, K): A.T (D, N) @ out.grad (N, K).")):
        what = f"{label(A, B)}: {name}"
        got = expect_shape(res["grads"][k], exp.shape, what, shape_hint)
        hint = shape_hint
        if n > 1 and np.allclose(got * n, exp):
            hint = "You divided by the batch size. The mean belongs to the loss node; matmul only multiplies."
        elif np.allclose(got, -exp):
            hint = "The sign is flipped: the closure adds the product, it does not subtract it."
        expect_close(got, exp, what, hint)
    return res


@weight(1)
def test_value(student, rng):
    """the forward value is A @ B"""
    A, B, G = draw(rng)
    res = run_graph(student, [["matmul", 0, 1]], [A, B], G)
    expect_close(res["value"], A @ B, f"{label(A, B)}: value", "The value is the matrix product A @ B, shape (N, K).")


# operand -> (its place among the inputs, its gradient from A, B and out.grad G, shape hint, rule)
GRADS = {
    "A": (0, lambda A, B, G: G @ B.T, "A.grad has A's shape (N, D): out.grad (N, K) @ B.T (K, D).",
          "A.grad += out.grad @ B.T."),
    "B": (1, lambda A, B, G: A.T @ G, "B.grad has B's shape (D, K): A.T (D, N) @ out.grad (N, K).",
          "B.grad += A.T @ out.grad."),
}


def check_grad(student, rng, operand):
    """The gradient of one operand of a matmul node, with a hint for a division by the batch size."""
    A, B, G = draw(rng)
    index, rule, shape_hint, hint = GRADS[operand]
    res = run_graph(student, [["matmul", 0, 1]], [A, B], G)
    what = f"{label(A, B)}: {operand}.grad"
    expected = rule(A, B, G)
    got = expect_shape(res["grads"][index], expected.shape, what, shape_hint)
    if A.shape[0] > 1 and np.allclose(got * A.shape[0], expected):
        hint = "You divided by the batch size. The mean belongs to the loss node; matmul only multiplies."
    expect_close(got, expected, what, hint)


test_grad_A = make_test(lambda student, rng: check_grad(student, rng, "A"), "A.grad = out.grad @ B.T", 2)
test_grad_B = make_test(lambda student, rng: check_grad(student, rng, "B"), "B.grad = A.T @ out.grad", 2)


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one row"""
    A, B, G = draw(rng, n=1)
    check_grads(student, A, B, G)


@weight(1)
def test_square_matrices(student, rng):
    """square A and B, where a transpose error keeps the shape"""
    d = int(rng.integers(3, 6))
    A, B, G = rng.normal(size=(d, d)), rng.normal(size=(d, d)), rng.normal(size=(d, d))
    res = run_graph(student, [["matmul", 0, 1]], [A, B], G)
    for k, name, exp, wrong in ((0, "A.grad", G @ B.T, [G @ B, B.T @ G, B @ G]),
                                (1, "B.grad", A.T @ G, [A @ G, G @ A.T, G.T @ A])):
        got = np.asarray(res["grads"][k], dtype=float)
        hint = "A.grad = out.grad @ B.T and B.grad = A.T @ out.grad."
        if got.shape == exp.shape and any(np.allclose(got, w) for w in wrong):
            hint = "A transpose is missing or misplaced; with square matrices the shapes cannot tell you. " + hint
        expect_close(got, exp, f"{label(A, B)}: {name}", hint)


@weight(1)
def test_weight_used_twice(student, rng):
    """Y = (A @ B) @ B: B receives both contributions"""
    d = int(rng.integers(3, 6))
    A, B, G = rng.normal(size=(int(rng.integers(2, 6)), d)), rng.normal(size=(d, d)), None
    G = rng.normal(size=(A.shape[0], d))
    res = run_graph(student, [["matmul", 0, 1], ["matmul", 2, 1]], [A, B], G)
    H = A @ B
    exp = H.T @ G + A.T @ (G @ B.T)
    got = expect_shape(res["grads"][1], B.shape, "(A @ B) @ B: B.grad", "B.grad has B's shape.")
    hint = "B is used twice; both matmul nodes add into B.grad."
    if np.allclose(got, A.T @ (G @ B.T)) or np.allclose(got, H.T @ G):
        hint = "B.grad holds one use only: the second contribution overwrote the first. Add with +=."
    expect_close(got, exp, "(A @ B) @ B: B.grad", hint)
