"""The reference autodiff engine: every operation's gradient against two-sided finite differences (float64)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncourse import autodiff as ad
from nncourse.gradcheck import numerical_gradient, rel_error


def fd_grads(build, arrays, seed_grad):
    """Finite-difference gradient of sum(build(*arrays).value * seed_grad) w.r.t. every array."""
    def f(_):
        return float(np.sum(build(*[ad.Tensor(a) for a in arrays]).value * seed_grad))
    return [numerical_gradient(f, a) for a in arrays]


def engine_grads(build, arrays, seed_grad):
    leaves = [ad.Tensor(a) for a in arrays]
    out = build(*leaves)
    out.backward(seed_grad)
    return [leaf.grad for leaf in leaves]


CASES = {
    "add (N,D)+(D,)": (lambda a, b: a + b, [(4, 3), (3,)]),
    "add (N,D)+(1,D)": (lambda a, b: a + b, [(4, 3), (1, 3)]),
    "add (N,1)+(1,D)": (lambda a, b: a + b, [(4, 1), (1, 3)]),
    "add ()+(N,D)": (lambda a, b: a + b, [(), (4, 3)]),
    "mul (N,D)*(D,)": (lambda a, b: a * b, [(4, 3), (3,)]),
    "mul (N,1)*(1,D)": (lambda a, b: a * b, [(4, 1), (1, 3)]),
    "mul x*x (fan-out)": (lambda a: a * a, [(3, 2)]),
    "matmul": (lambda a, b: a @ b, [(4, 3), (3, 5)]),
    "matmul batch of one": (lambda a, b: a @ b, [(1, 3), (3, 2)]),
    "linear layer": (lambda x, W, b: x @ W + b, [(5, 3), (3, 2), (2,)]),
    "tanh": (lambda a: ad.tanh(a), [(3, 4)]),
    "relu": (lambda a: ad.relu(a), [(3, 4)]),
    "sigmoid": (lambda a: ad.sigmoid(a), [(3, 4)]),
    "sum": (lambda a: ad.tensor_sum(a), [(3, 4)]),
    "mean": (lambda a: ad.mean(a), [(3, 4)]),
    "log_softmax": (lambda a: ad.log_softmax(a), [(3, 4)]),
    "diamond tanh(x)*tanh(x)+x": (lambda x: ad.tanh(x) * ad.tanh(x) + x, [(2, 3)]),
    "mlp + softmax_ce": (lambda x, W1, b1, W2, b2: ad.softmax_cross_entropy(
        ad.tanh(x @ W1 + b1) @ W2 + b2, np.array([0, 2, 1, 2, 0])), [(5, 2), (2, 4), (4,), (4, 3), (3,)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_operation_matches_finite_differences(name):
    build, shapes = CASES[name]
    rng = np.random.default_rng(0)
    arrays = [np.asarray(rng.normal(size=s) + (0.3 if name == "relu" else 0.0)) for s in shapes]
    if name == "relu":
        arrays[0][np.abs(arrays[0]) < 0.05] = 0.5      # keep finite differences away from the kink
    out = build(*[ad.Tensor(a) for a in arrays])
    seed = rng.normal(size=out.shape)
    got = engine_grads(build, arrays, seed)
    want = fd_grads(build, arrays, seed)
    for g, w, a in zip(got, want, arrays):
        assert g.shape == a.shape
        assert rel_error(g, w) < 1e-7, (name, g, w)


def test_fan_out_accumulates_and_each_closure_runs_once():
    x = ad.Tensor(np.array([0.7]))
    h = ad.tanh(x)
    y = h * h                       # h has two uses; x is reached through h twice
    calls = []
    original = h.backward_fn

    def counting():
        calls.append(1)
        original()

    h.backward_fn = counting
    y.backward()
    t = np.tanh(0.7)
    assert len(calls) == 1
    np.testing.assert_allclose(h.grad, [2 * t])
    np.testing.assert_allclose(x.grad, [2 * t * (1 - t * t)])


def test_topo_sort_lists_each_node_once_parents_first_and_handles_deep_chains():
    x = ad.Tensor(np.ones(2))
    node = x
    for _ in range(3000):          # deeper than Python's recursion limit
        node = ad.tanh(node) + x
    order = ad.topo_sort(node)
    assert len(order) == len({id(n) for n in order}) == 6001
    where = {id(n): i for i, n in enumerate(order)}
    assert all(where[id(p)] < where[id(n)] for n in order for p in n.parents)
    assert order[-1] is node


def test_gradients_accumulate_across_passes_until_zero_grad():
    W = ad.Tensor(np.array([[1.0, -2.0]]))
    x = np.array([[3.0]])
    for _ in range(2):
        ad.tensor_sum(x @ W).backward()
    np.testing.assert_allclose(W.grad, 2 * x.T @ np.ones((1, 2)))
    ad.zero_grad([W])
    np.testing.assert_allclose(W.grad, 0.0)


def test_unbroadcast_shapes_and_errors():
    g = np.arange(12.0).reshape(4, 3)
    np.testing.assert_allclose(ad.unbroadcast(g, (3,)), g.sum(0))
    np.testing.assert_allclose(ad.unbroadcast(g, (1, 3)), g.sum(0, keepdims=True))
    np.testing.assert_allclose(ad.unbroadcast(g, (4, 1)), g.sum(1, keepdims=True))
    assert ad.unbroadcast(g, ()) == g.sum()
    np.testing.assert_allclose(ad.unbroadcast(g[:1], (3,)), g[0])        # batch of one
    with pytest.raises(ValueError, match="cannot come from"):
        ad.unbroadcast(g, (2,))


def test_softmax_cross_entropy_is_stable_and_checks_labels():
    z = ad.Tensor(np.array([[1000.0, -1000.0, 0.0], [0.0, 0.0, 0.0]]))
    loss = ad.softmax_cross_entropy(z, np.array([1, 2]))
    loss.backward()
    assert np.isfinite(loss.value) and np.all(np.isfinite(z.grad))
    np.testing.assert_allclose(loss.value, (2000.0 + np.log(3)) / 2)
    np.testing.assert_allclose(z.grad[0], [0.5, -0.5, 0.0], atol=1e-12)
    with pytest.raises(ValueError, match="integer labels"):
        ad.softmax_cross_entropy(z, np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="0 .. 2"):
        ad.softmax_cross_entropy(z, np.array([0, 3]))


def test_relu_gradient_is_zero_at_the_kink():
    z = ad.Tensor(np.array([-1.0, 0.0, 2.0]))
    ad.tensor_sum(ad.relu(z)).backward()
    np.testing.assert_allclose(z.grad, [0.0, 0.0, 1.0])


def test_evaluate_runs_a_program_and_rejects_unknown_operations():
    rng = np.random.default_rng(1)
    x, W, b = rng.normal(size=(3, 2)), rng.normal(size=(2, 4)), rng.normal(size=4)
    res = ad.evaluate([["matmul", 0, 1], ["add", 3, 2], ["softmax_ce", 4, [0, 3, 1]]], [x, W, b])
    want = ad.Tensor(x) @ ad.Tensor(W) + b
    np.testing.assert_allclose(res["values"][4], want.value)
    assert res["grads"][1].shape == (2, 4) and res["grads"][2].shape == (4,)
    np.testing.assert_allclose(res["grads"][5], 1.0)
    with pytest.raises(ValueError, match="unknown operation 'conv'"):
        ad.evaluate([["conv", 0]], [x])


def test_forward_and_reverse_jacobians_agree_and_count_passes():
    rng = np.random.default_rng(2)
    A, B = rng.normal(size=(6, 4)), rng.normal(size=(4, 3))

    def f(x):
        return (x @ A).tanh() @ B

    x = rng.normal(size=6)
    Jr, m = ad.jacobian_reverse(f, x)
    Jf, n = ad.jacobian_forward(f, x)
    assert (m, n) == (3, 6) and Jr.shape == Jf.shape == (3, 6)
    np.testing.assert_allclose(Jr, Jf, rtol=1e-12, atol=1e-12)
    h = np.tanh(x @ A)
    np.testing.assert_allclose(Jr, ((A * (1 - h * h)) @ B).T, rtol=1e-12)


def test_tensor_rejects_non_tensor_parents():
    with pytest.raises(TypeError, match="every parent must be a Tensor"):
        ad.Tensor(1.0, parents=(np.ones(2),))


def test_draw_graph_labels_every_node():
    import matplotlib
    matplotlib.use("Agg")
    x = ad.Tensor(2.0, name="x")
    y = ad.Tensor(-1.0, name="y")
    a = ad.mul(x, y)
    a.name = "a"
    f = ad.add(a, x)
    f.name = "f"
    f.backward()
    ax = ad.draw_graph(f)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    assert len(texts) == 4
    assert any(t.startswith("x\nvalue 2\ngrad 0") for t in texts)      # df/dx = y + 1 = 0
    assert any(t.startswith("y\nvalue -1\ngrad 2") for t in texts)


@st.composite
def broadcast_pair(draw):
    """An operand shape and a shape NumPy broadcasts it to (new leading axes, stretched ones)."""
    target = tuple(draw(st.lists(st.integers(1, 4), min_size=0, max_size=3)))
    keep = draw(st.integers(0, len(target)))
    operand = tuple(1 if draw(st.booleans()) else n for n in target[len(target) - keep:])
    return operand, target


@settings(max_examples=60, deadline=None)
@given(broadcast_pair(), st.integers(0, 2**32 - 1))
def test_unbroadcast_is_the_adjoint_of_broadcasting(pair, seed):
    """<broadcast(a), g> = <a, unbroadcast(g)> for every a and g: unbroadcast is the VJP of broadcasting."""
    operand, target = pair
    rng = np.random.default_rng(seed)
    a, g = rng.normal(size=operand), rng.normal(size=target)
    back = ad.unbroadcast(g, operand)
    assert back.shape == operand
    np.testing.assert_allclose(np.sum(np.broadcast_to(a, target) * g), np.sum(a * back), rtol=1e-10, atol=1e-10)
