"""Hidden tests for Exercise 2, ``matmul(a, b)``: a (N, D) @ b (D, K).

Driven through the notebook's ``run_graph`` with the lesson's own backward walk
(``mode="given"``), so only the operation is graded.  Sizes are drawn with
N, D and K all different, so a missing or extra transpose shows in the shape.
"""

import numpy as np

from nncourse.grading.testing import expect, expect_close, expect_shape, weight


def run(student, program, inputs, grad):
    res = student.function("run_graph")(program, inputs, grad, "given", 1)
    expect(isinstance(res, dict) and isinstance(res.get("grads"), list)
           and len(res["grads"]) == len(inputs) + len(program),
           "run_graph returned something other than the dict it builds.",
           "Leave the given cell with run_graph as it was; grading drives your operations through it.")
    return res


def draw(rng, n=None):
    sizes = rng.choice(np.arange(2, 9), size=3, replace=False)
    d, k = int(sizes[1]), int(sizes[2])
    n = int(sizes[0]) if n is None else n
    return rng.normal(size=(n, d)), rng.normal(size=(d, k)), rng.normal(size=(n, k))


def label(A, B):
    return f"matmul(A {A.shape}, B {B.shape})"


def check_grads(student, A, B, G):
    res = run(student, [["matmul", 0, 1]], [A, B], G)
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
    res = run(student, [["matmul", 0, 1]], [A, B], G)
    expect_close(res["value"], A @ B, f"{label(A, B)}: value", "The value is the matrix product A @ B, shape (N, K).")


@weight(2)
def test_grad_A(student, rng):
    """A.grad = out.grad @ B.T"""
    A, B, G = draw(rng)
    res = run(student, [["matmul", 0, 1]], [A, B], G)
    what = f"{label(A, B)}: A.grad"
    got = expect_shape(res["grads"][0], A.shape, what, "A.grad has A's shape (N, D): out.grad (N, K) @ B.T (K, D).")
    hint = "A.grad += out.grad @ B.T."
    if A.shape[0] > 1 and np.allclose(got * A.shape[0], G @ B.T):
        hint = "You divided by the batch size. The mean belongs to the loss node; matmul only multiplies."
    expect_close(got, G @ B.T, what, hint)


@weight(2)
def test_grad_B(student, rng):
    """B.grad = A.T @ out.grad"""
    A, B, G = draw(rng)
    res = run(student, [["matmul", 0, 1]], [A, B], G)
    what = f"{label(A, B)}: B.grad"
    got = expect_shape(res["grads"][1], B.shape, what, "B.grad has B's shape (D, K): A.T (D, N) @ out.grad (N, K).")
    hint = "B.grad += A.T @ out.grad."
    if A.shape[0] > 1 and np.allclose(got * A.shape[0], A.T @ G):
        hint = "You divided by the batch size. The mean belongs to the loss node; matmul only multiplies."
    expect_close(got, A.T @ G, what, hint)


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
    res = run(student, [["matmul", 0, 1]], [A, B], G)
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
    res = run(student, [["matmul", 0, 1], ["matmul", 2, 1]], [A, B], G)
    H = A @ B
    exp = H.T @ G + A.T @ (G @ B.T)
    got = expect_shape(res["grads"][1], B.shape, "(A @ B) @ B: B.grad", "B.grad has B's shape.")
    hint = "B is used twice; both matmul nodes add into B.grad."
    if np.allclose(got, A.T @ (G @ B.T)) or np.allclose(got, H.T @ G):
        hint = "B.grad holds one use only: the second contribution overwrote the first. Add with +=."
    expect_close(got, exp, "(A @ B) @ B: B.grad", hint)
