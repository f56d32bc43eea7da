"""Optimizers against their update rules written out by hand; schedules; parameter snapshots."""

import numpy as np
import pytest

from nncourse import optim as O

GRADS = [np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([-1.0, 3.0]), np.array([2.0, 0.0])]


def run(opt, theta0=(1.0, 1.0)):
    """Apply the fixed gradient sequence GRADS; return the parameter after each step."""
    params = {"w": np.array(theta0)}
    trace = []
    for g in GRADS:
        opt.step(params, {"w": g})
        trace.append(params["w"].copy())
    return trace


def test_sgd_by_hand():
    """theta <- theta - lr g, step by step."""
    trace = run(O.SGD(0.1))
    theta = np.array([1.0, 1.0])
    for g, got in zip(GRADS, trace):
        theta = theta - 0.1 * g
        assert np.allclose(got, theta)
    # first step written out: [1 - 0.1, 1 + 0.2]
    assert np.allclose(trace[0], [0.9, 1.2])


def test_momentum_by_hand():
    """v <- gamma v - lr g ; theta <- theta + v, which is the lecture's theta - lr g + gamma v_old."""
    opt = O.Momentum(0.1, gamma=0.9)
    trace = run(opt)
    theta, v = np.array([1.0, 1.0]), np.zeros(2)
    for g, got in zip(GRADS, trace):
        lecture = theta - 0.1 * g + 0.9 * v
        v = 0.9 * v - 0.1 * g
        theta = theta + v
        assert np.allclose(got, theta) and np.allclose(got, lecture)
    assert np.allclose(opt.velocity["w"], v)
    # step 2 by hand: v1 = [-.1, .2]; v2 = .9 v1 - .1 [.5, .5] = [-.14, .13]
    assert np.allclose(trace[1] - trace[0], [-0.14, 0.13])


def test_adagrad_by_hand():
    """G <- G + g^2 ; theta <- theta - lr g / (sqrt(G) + eps)."""
    opt = O.Adagrad(0.5, eps=1e-8)
    trace = run(opt)
    theta, G = np.array([1.0, 1.0]), np.zeros(2)
    for g, got in zip(GRADS, trace):
        G = G + g ** 2
        theta = theta - 0.5 * g / (np.sqrt(G) + 1e-8)
        assert np.allclose(got, theta)
    assert np.allclose(opt.sum_sq["w"], G)
    # first step has size lr in each coordinate: g / |g|
    assert np.allclose(trace[0], [0.5, 1.5])


def test_rmsprop_by_hand():
    """s <- rho s + (1 - rho) g^2 ; theta <- theta - lr g / (sqrt(s) + eps)."""
    opt = O.RMSprop(0.01, rho=0.9, eps=1e-8)
    trace = run(opt)
    theta, s = np.array([1.0, 1.0]), np.zeros(2)
    for g, got in zip(GRADS, trace):
        s = 0.9 * s + 0.1 * g ** 2
        theta = theta - 0.01 * g / (np.sqrt(s) + 1e-8)
        assert np.allclose(got, theta)
    assert np.allclose(opt.mean_sq["w"], s)


def test_adam_by_hand():
    """m, v moving averages; bias-corrected m_hat, v_hat; theta <- theta - lr m_hat / (sqrt(v_hat) + eps)."""
    opt = O.Adam(0.01, beta1=0.9, beta2=0.999, eps=1e-8)
    trace = run(opt)
    theta, m, v = np.array([1.0, 1.0]), np.zeros(2), np.zeros(2)
    for t, (g, got) in enumerate(zip(GRADS, trace), start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g ** 2
        m_hat, v_hat = m / (1 - 0.9 ** t), v / (1 - 0.999 ** t)
        theta = theta - 0.01 * m_hat / (np.sqrt(v_hat) + 1e-8)
        assert np.allclose(got, theta, rtol=1e-12, atol=1e-12)
    assert opt.t == 4
    assert np.allclose(opt.m["w"], m) and np.allclose(opt.v["w"], v)


def test_adam_bias_correction_first_step():
    """At t = 1, m_hat = g and v_hat = g^2, so the first step is lr * sign(g) whatever the scale of g;
    without the correction it would be ~ lr * 0.1 / sqrt(0.001) = 3.16 lr."""
    for scale in (1e-2, 1.0, 1e4):  # |g| >> eps, so eps is negligible
        params = {"w": np.zeros(3)}
        O.Adam(0.01).step(params, {"w": scale * np.array([1.0, -2.0, 0.5])})
        assert np.allclose(params["w"], [-0.01, 0.01, -0.01], rtol=1e-5)


def test_adam_bias_correction_later_step():
    """With a constant gradient g, m_hat stays exactly g and v_hat exactly g^2 at every t."""
    opt = O.Adam(0.1, beta1=0.9, beta2=0.99, eps=1e-12)
    params = {"w": np.array([0.0])}
    for t in range(1, 6):
        opt.step(params, {"w": np.array([2.0])})
        m_hat = opt.m["w"] / (1 - 0.9 ** t)
        v_hat = opt.v["w"] / (1 - 0.99 ** t)
        assert np.allclose(m_hat, 2.0) and np.allclose(v_hat, 4.0)
    assert np.allclose(params["w"], -0.5)


def test_state_per_parameter_and_in_place():
    """Is state kept per key, and are the caller's arrays updated in place?"""
    w, b = np.ones((2, 2)), np.zeros(2)
    params = {"0.W": w, "0.b": b}
    opt = O.Momentum(0.1)
    opt.step(params, {"0.W": np.ones((2, 2)), "0.b": np.ones(2)})
    assert params["0.W"] is w and np.allclose(w, 0.9)
    assert set(opt.velocity) == {"0.W", "0.b"} and opt.velocity["0.W"].shape == (2, 2)
    opt.reset()
    assert opt.velocity == {}


def test_optimizer_errors():
    """Do mismatched keys, shapes and bad hyperparameters get clear messages?"""
    with pytest.raises(ValueError, match=r"SGD.step: params and grads must have the same keys; missing from grads: "
                                         r"\['b'\]"):
        O.SGD(0.1).step({"W": np.zeros(2), "b": np.zeros(1)}, {"W": np.zeros(2)})
    with pytest.raises(ValueError, match=r"Adam.step: grads\['W'\] has shape \(3,\), expected \(2,\)"):
        O.Adam(0.1).step({"W": np.zeros(2)}, {"W": np.zeros(3)})
    with pytest.raises(TypeError, match=r"params\['W'\] must be a float ndarray updated in place, got list"):
        O.SGD(0.1).step({"W": [0.0]}, {"W": [1.0]})
    with pytest.raises(ValueError, match=r"SGD: lr must be a positive number, got -0.1"):
        O.SGD(-0.1)
    with pytest.raises(ValueError, match=r"Momentum: gamma must be in \[0, 1\), got 1.5"):
        O.Momentum(0.1, gamma=1.5)
    with pytest.raises(TypeError, match=r"SGD.step: params must be a dict"):
        O.SGD(0.1).step([np.zeros(2)], [np.zeros(2)])


def test_schedules():
    """constant, linear decay (then flat) and step decay, value by value."""
    c = O.constant(0.1)
    assert c(0) == c(100) == 0.1
    lin = O.linear_decay(1.0, 0.1, 10)
    assert lin(0) == 1.0 and np.isclose(lin(5), 0.55) and np.isclose(lin(10), 0.1) and np.isclose(lin(50), 0.1)
    st = O.step_decay(1.0, 0.5, 3)
    assert [st(s) for s in range(7)] == [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25]
    with pytest.raises(ValueError, match=r"step_decay: factor must be in \(0, 1\], got 2"):
        O.step_decay(1.0, 2, 3)
    with pytest.raises(ValueError, match=r"linear_decay schedule: step must be >= 0, got -1"):
        lin(-1)


def test_save_and_restore_params():
    """Is save_params a deep copy, and does restore_params write back in place?"""
    w = np.array([1.0, 2.0])
    params = {"w": w}
    saved = O.save_params(params)
    w += 10
    assert np.array_equal(saved["w"], [1.0, 2.0])
    O.restore_params(params, saved)
    assert params["w"] is w and np.array_equal(w, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"restore_params: saved has keys \['v'\], expected the keys of params "
                                         r"\['w'\]"):
        O.restore_params(params, {"v": np.zeros(2)})


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("layout", ["C", "F", "strided", "scalar-shaped"])
def test_sgd_and_momentum_update_in_place_in_any_layout(dtype, layout):
    """Is the one-pass update (BLAS axpy where it can) in place and equal to theta - lr g up to rounding?"""
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 4)).astype(dtype)
    p = {"C": base.copy(), "F": np.asfortranarray(base), "strided": base.copy()[:, ::2],
         "scalar-shaped": base[:1, :1].copy()}[layout]
    g = rng.normal(size=p.shape).astype(dtype)
    before = p.copy()
    O.SGD(0.1).step({"w": p}, {"w": g})
    tol = 1e-6 if dtype == np.float32 else 1e-15
    assert p.dtype == dtype and np.allclose(p, before - dtype(0.1) * g, rtol=tol, atol=tol)
    opt = O.Momentum(0.1, gamma=0.5)
    q = p.copy()
    for _ in range(2):
        opt.step({"w": p}, {"w": g})
    v1 = -dtype(0.1) * g
    v2 = 0.5 * v1 - dtype(0.1) * g
    assert np.allclose(p, q + v1 + v2, rtol=10 * tol, atol=10 * tol)
