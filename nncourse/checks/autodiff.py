r"""Self-checks for lesson 09, "Automatic differentiation".

Each function takes the student's operations (and their ``Tensor`` class),
builds a few small graphs with them and compares values and gradients with
finite differences of the forward values (never with a second engine, so
reading this module does not give the answers away)::

    from nncourse.checks import autodiff as check
    check.tensor_ops(unbroadcast, add, mul, Tensor)
    check.matmul(matmul, Tensor)
    check.backprop(topo_sort, backprop, Tensor)
    check.nonlinear_ce(tanh, relu, softmax_cross_entropy, Tensor)
    check.train_step(MLP)
    check.fan_out_question(wrong_if_overwritten)
    check.jacobian_passes(jacobian_passes)

A student's ``Tensor`` is expected to have ``value``, ``grad``, ``parents`` and
``backward_fn`` (the class given in the lesson).
"""

from __future__ import annotations

import numpy as np

from nncourse.checks import as_number, check_close, check_shape, fail, finish, passed
from nncourse.gradcheck import numerical_gradient

__all__ = ["tensor_ops", "matmul", "backprop", "nonlinear_ce", "train_step", "fan_out_question",
           "jacobian_passes"]

NODE_NAMES = ("x", "y", "a", "b", "c", "f")


def _run_closures(out):
    """Call every closure below ``out`` newest first (by the Tensor's ``serial``), like the lesson's run_graph."""
    reached, stack = {}, [out]
    while stack:
        n = stack.pop()
        if id(n) not in reached:
            reached[id(n)] = n
            stack.extend(n.parents)
    for n in sorted(reached.values(), key=lambda n: -getattr(n, "serial", 0)):
        if n.backward_fn is not None:
            n.backward_fn()


def _tensor_out(out, what):
    if out is None:
        fail(what, "returned None.", "End the operation with `return out`.")
    for attr in ("value", "grad", "parents", "backward_fn"):
        if not hasattr(out, attr):
            fail(what, f"returned a {type(out).__name__} without `.{attr}`.",
                 "Return the Tensor you made: out = Tensor(value, parents=(a, b)); ...; return out.")
    if out.backward_fn is None:
        fail(what, "the result has no backward_fn.", "Set out.backward_fn = backward_fn before returning out.")
    return out


def _grads_by_engine(op, Tensor, arrays, seed):
    leaves = [Tensor(a.copy()) for a in arrays]
    out = _tensor_out(op(*leaves), "your operation")
    out.grad = seed.copy()
    _run_closures(out)
    return out.value, [leaf.grad for leaf in leaves]


def _grads_by_fd(op, Tensor, arrays, seed):
    def make_f(k):
        def f(xk):
            args = [Tensor(xk.copy()) if i == k else Tensor(a.copy()) for i, a in enumerate(arrays)]
            return float(np.sum(op(*args).value * seed))
        return f
    return [numerical_gradient(make_f(k), arrays[k].copy()) for k in range(len(arrays))]


def _check_op(op, Tensor, arrays, seed, name, hint):
    value, grads = _grads_by_engine(op, Tensor, arrays, seed)
    expected = _grads_by_fd(op, Tensor, arrays, seed)
    for k, (g, e) in enumerate(zip(grads, expected)):
        what = f"{name}: grad of operand {k} (shape {arrays[k].shape})"
        check_shape(g, arrays[k].shape, what,
                    "Each parent's grad has the parent's shape: pass the signal through unbroadcast.")
        check_close(g, e, what, hint)
    return value


# --------------------------------------------------------------------------- exercise 1

def tensor_ops(unbroadcast, add, mul, Tensor) -> None:
    """Check ``unbroadcast(grad, shape)``, ``add(a, b)`` and ``mul(a, b)``."""
    g = np.arange(1.0, 7.0).reshape(2, 3)
    for shape, exp in (((3,), g.sum(0)), ((1, 3), g.sum(0, keepdims=True)), ((2, 1), g.sum(1, keepdims=True)),
                       ((), g.sum()), ((2, 3), g)):
        check_close(unbroadcast(g.copy(), shape), exp, f"unbroadcast(grad of shape (2, 3), {shape})",
                    "Sum over the axes NumPy added on the left, then over axes where `shape` has 1 (keepdims).")
    passed("unbroadcast sums a (2, 3) gradient back to (3,), (1, 3), (2, 1), () and (2, 3)")

    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
    b = np.array([0.1, -0.2, 0.3])
    seed = np.array([[1.0, -2.0, 0.5], [0.3, 1.0, -1.0]])
    value = _check_op(add, Tensor, [x, b], seed, "add(x (2, 3), b (3,))",
                      "Each operand gets the output's grad, summed back to its own shape.")
    check_close(value, x + b, "add(x, b).value")
    passed("add: value and both gradients, with a broadcast bias")
    value = _check_op(mul, Tensor, [x, b.reshape(1, 3)], seed, "mul(x (2, 3), s (1, 3))",
                      "d(a*b)/da = b: a.grad += unbroadcast(out.grad * b.value, a.shape), and the same for b.")
    check_close(value, x * b, "mul(x, s).value")
    passed("mul: value and both gradients, with a broadcast operand")
    _check_op(lambda t: mul(t, t), Tensor, [x], seed, "mul(x, x), the same Tensor twice",
              "x is both operands: its grad must receive both contributions (+=, not =).")
    _check_op(lambda t: add(t, t), Tensor, [x], seed, "add(x, x), the same Tensor twice",
              "x is both operands: its grad must receive both contributions (+=, not =).")
    passed("mul(x, x) and add(x, x) collect both contributions (fan-out)")
    finish()


# --------------------------------------------------------------------------- exercise 2

def matmul(matmul, Tensor) -> None:
    """Check ``matmul(a, b)`` for a (N, D) @ b (D, K)."""
    rng = np.random.default_rng(9)
    for n in (4, 1):
        A, B = rng.normal(size=(n, 3)), rng.normal(size=(3, 2))
        seed = rng.normal(size=(n, 2))
        value = _check_op(matmul, Tensor, [A, B], seed, f"matmul(A ({n}, 3), B (3, 2))",
                          "A.grad += out.grad @ B.T (N, D); B.grad += A.T @ out.grad (D, K).")
        check_close(value, A @ B, f"matmul(A ({n}, 3), B (3, 2)).value")
        passed(f"matmul: value and both gradients for a batch of {n}")
    finish()


# --------------------------------------------------------------------------- exercise 3

def _closure_node(Tensor, value, parents, vjps):
    """A node made directly with the student's Tensor: vjps[k](grad) is added to parents[k].grad."""
    out = Tensor(value, parents)

    def backward_fn():
        for p, vjp in zip(parents, vjps):
            p.grad = p.grad + vjp(out.grad)

    out.backward_fn = backward_fn
    return out


def backprop(topo_sort, backprop, Tensor) -> None:
    """Check ``topo_sort(root)`` and ``backprop(root, grad=None)`` on graphs built with the given Tensor."""
    # h = tanh(x); y = h * h  (h has two uses; x is reached through h along two paths)
    x = Tensor(np.array([0.7, -0.4]))
    th = np.tanh(x.value)
    h = _closure_node(Tensor, th, (x,), [lambda g: g * (1 - th ** 2)])
    y = _closure_node(Tensor, h.value * h.value, (h, h), [lambda g: g * h.value, lambda g: g * h.value])
    order = topo_sort(y)
    if not isinstance(order, (list, tuple)):
        fail("topo_sort(y)", f"expected a list of nodes, got {type(order).__name__}.", "Return the list you built.")
    ids = [id(n) for n in order]
    if sorted(ids) != sorted({id(x), id(h), id(y)}):
        fail("topo_sort(y) for y = h * h, h = tanh(x)",
             f"expected the 3 nodes x, h, y once each, got a list of {len(order)} nodes.",
             "Keep a set of visited nodes so that a node reached along two paths is listed once.")
    if ids != [id(x), id(h), id(y)]:
        fail("topo_sort(y)", "the nodes are not in the order x, h, y.",
             "Append a node after all its parents have been visited (parents first, root last).")
    passed("topo_sort lists each node once, parents first")

    backprop(y)
    check_close(y.grad, np.ones(2), "backprop(y): y.grad", "Seed the root with ones of its shape.")
    check_close(h.grad, 2 * th, "backprop(y): h.grad", "h feeds y twice; both contributions add up.")
    exp = 2 * th * (1 - th ** 2)
    got = np.asarray(x.grad, dtype=float)
    hint = "Call each node's backward_fn once, in reverse topological order."
    if np.allclose(got, 2 * exp):
        hint = ("x.grad is doubled: h's backward_fn ran twice. Walk reversed(topo_sort(root)) instead of "
                "recursing into each parent.")
    check_close(got, exp, "backprop(y): x.grad", hint)
    passed("backprop visits every node once, children before parents")

    x1 = Tensor(np.array([0.7, -0.4]))
    y1 = _closure_node(Tensor, 3 * x1.value, (x1,), [lambda g: 3 * g])
    backprop(y1, np.array([1.0, 2.0]))
    check_close(x1.grad, [3.0, 6.0], "backprop(3 x, grad=[1, 2]): x.grad",
                "Seed the root with the given grad; ones only when grad is None.")
    x2 = Tensor(np.array([0.7, -0.4]))
    for _ in range(2):
        yy = _closure_node(Tensor, 3 * x2.value, (x2,), [lambda g: 3 * g])
        backprop(yy, np.array([1.0, 2.0]))
    check_close(x2.grad, [6.0, 12.0], "two backprops of 3 x with seed [1, 2] on the same leaf x",
                "backprop must not reset the leaves' grads: gradients accumulate until zero_grad.")
    passed("backprop accepts a seed and accumulates into leaves")
    finish()


# --------------------------------------------------------------------------- exercise 4

def nonlinear_ce(tanh, relu, softmax_cross_entropy, Tensor) -> None:
    """Check ``tanh``, ``relu`` and ``softmax_cross_entropy`` (value, gradients, large logits)."""
    z = np.array([[0.5, -1.2, 2.0], [-0.3, 0.8, -2.5]])
    seed = np.array([[1.0, 0.5, -1.0], [2.0, -0.5, 0.3]])
    value = _check_op(tanh, Tensor, [z], seed, "tanh(z)", "tanh'(z) = 1 - tanh(z)**2, times out.grad.")
    check_close(value, np.tanh(z), "tanh(z).value")
    passed("tanh: value and gradient")
    value = _check_op(relu, Tensor, [z], seed, "relu(z)", "The gradient passes where z > 0 and is 0 elsewhere.")
    check_close(value, np.maximum(z, 0), "relu(z).value")
    zk = Tensor(np.array([0.0, 1.0]))
    out = _tensor_out(relu(zk), "relu")
    out.grad = np.ones(2)
    _run_closures(out)
    check_close(zk.grad, [0.0, 1.0], "relu at z = [0, 1]: grad", "Use the mask z > 0: the derivative at 0 is 0.")
    passed("relu: value, gradient, and 0 at the kink")

    labels = np.array([2, 0])
    def ce(t):
        return softmax_cross_entropy(t, labels)
    shifted = z - z.max(1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(1, keepdims=True))
    value = _check_op(ce, Tensor, [z], np.array(1.7), "softmax_cross_entropy(z, [2, 0]) with out.grad = 1.7",
                      "dE/dz = out.grad * (softmax(z) - onehot) / N.")
    as_number(value, "softmax_cross_entropy(...).value", "The loss is a scalar: a mean over the batch.")
    check_close(value, -logp[[0, 1], labels].mean(), "softmax_cross_entropy(z, [2, 0]).value",
                "The mean over the N rows of -log softmax(z)[label].")
    passed("softmax_cross_entropy: mean loss and its gradient, scaled by out.grad")
    big = Tensor(np.array([[1000.0, -1000.0, 0.0]]))
    with np.errstate(all="ignore"):
        out = _tensor_out(softmax_cross_entropy(big, np.array([1])), "softmax_cross_entropy")
        out.grad = np.array(1.0)
        _run_closures(out)
    check_close(out.value, 2000.0, "softmax_cross_entropy for logits [1000, -1000, 0], label 1",
                "Subtract each row's maximum before exp (log-sum-exp).")
    check_close(big.grad, [[1.0, -1.0, 0.0]], "its gradient", "Compute softmax from the shifted logits.")
    passed("softmax_cross_entropy stays finite for logits of size 1000")
    finish()


# --------------------------------------------------------------------------- exercise 5

def _reference_step(params, X, y, lr):
    W1, b1, W2, b2 = params
    H = np.tanh(X @ W1 + b1)
    Z = H @ W2 + b2
    Z = Z - Z.max(1, keepdims=True)
    P = np.exp(Z) / np.exp(Z).sum(1, keepdims=True)
    n = len(y)
    loss = -np.log(P[np.arange(n), y]).mean()
    G = P.copy()
    G[np.arange(n), y] -= 1
    G /= n
    dW2, db2 = H.T @ G, G.sum(0)
    dZ1 = (G @ W2.T) * (1 - H ** 2)
    dW1, db1 = X.T @ dZ1, dZ1.sum(0)
    return loss, [p - lr * g for p, g in zip(params, (dW1, db1, dW2, db2))]


def train_step(MLP) -> None:
    """Check two steps of ``MLP(W1, b1, W2, b2).train_step(X, y, lr)`` against lesson 04's backprop."""
    rng = np.random.default_rng(4)
    params = [rng.normal(size=(2, 4)), rng.normal(size=4), rng.normal(size=(4, 3)), rng.normal(size=3)]
    model = MLP(*[p.copy() for p in params])
    for step in (1, 2):
        X, y = rng.normal(size=(5, 2)), rng.integers(0, 3, size=5)
        loss = as_number(model.train_step(X, y, 0.5), f"train_step, step {step}: the returned loss",
                         "Return float(loss.value), computed before the update.")
        exp_loss, params = _reference_step(params, X, y, 0.5)
        check_close(loss, exp_loss, f"train_step, step {step}: the loss before the update",
                    "The mean softmax cross-entropy of tanh(X W1 + b1) W2 + b2, from the forward pass "
                    "before the update.")
        got = model.values()
        for name, g, e in zip(("W1", "b1", "W2", "b2"), got, params):
            hint = "p.value -= lr * p.grad for every parameter, after loss.backward()."
            if step == 2:
                hint = ("Step 1 was right, step 2 is not: did you zero every parameter's grad at the start of "
                        "each step? The engine accumulates.")
            check_close(g, e, f"train_step, step {step}: {name} after the update", hint)
        passed(f"train_step, step {step}: loss and updated parameters")
    finish()


# --------------------------------------------------------------------------- questions

def fan_out_question(answer) -> None:
    """Check the form of ``wrong_if_overwritten`` (a list of node names); grading checks the content."""
    if answer is None:
        raise NotImplementedError("Question A is not answered yet: set wrong_if_overwritten to a list of node names.")
    if isinstance(answer, str) or not isinstance(answer, (list, tuple, set)):
        fail("wrong_if_overwritten", f"expected a list of node names, got {type(answer).__name__}.",
             'For example ["b"] or ["x", "c"].')
    bad = [a for a in answer if a not in NODE_NAMES]
    if bad:
        fail("wrong_if_overwritten", f"{bad!r} are not node names of the graph.",
             f"Use names from {', '.join(NODE_NAMES)}.")
    passed(f"wrong_if_overwritten is a list of {len(answer)} node name(s); grading checks which")
    finish()


def jacobian_passes(fn) -> None:
    """Check that ``jacobian_passes(n, m)`` returns two whole numbers; grading checks which."""
    out = fn(5, 3)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        fail("jacobian_passes(5, 3)", f"expected a pair (reverse, forward), got {out!r}.",
             "End with `return reverse, forward`.")
    for name, v in zip(("reverse", "forward"), out):
        x = as_number(v, f"jacobian_passes(5, 3): {name}", "Return two whole numbers: `return reverse, forward`.")
        if x != int(x) or x < 1:
            fail(f"jacobian_passes(5, 3): {name}", f"expected a whole number of passes >= 1, got {v!r}.")
    passed("jacobian_passes returns two whole numbers; grading checks which")
    finish()
