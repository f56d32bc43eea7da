"""The worker reports side effects of every call, and hidden tests see them by default."""

import tempfile

import numpy as np
import pytest

from nncourse.grading.limits import Limits
from nncourse.grading.remote import Submission
from nncourse.grading.sandbox import protected_copy
from nncourse.grading.testing import Failed, check_effects, expect_dtype, expect_no_warnings, expect_own_state

CODE = r'''
import numpy as np

def scale_in_place(X, w):
    X *= w
    return X.sum()

def clean(X, w):
    return (X * w).sum()

def update_params(params, grads, lr):
    for k in params:
        params[k] -= lr * grads[k]
    return {k: v for k, v in params.items()}

def new_params(params, grads, lr):
    return {k: params[k] - lr * grads[k] for k in params}

def identity(z):
    return z

def relu_view(z):
    return np.maximum(z, 0.0)

def first_row(z):
    return z[0]

def softplus_naive(z):
    return np.log1p(np.exp(z))

def softplus_stable(z):
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))

def underflow(z):
    return np.exp(-np.abs(z))

def ints(n):
    return np.arange(n)

def sum_batches(batches):
    batches[0][0] = -1
    return len(batches)

def replace_entries(params):
    grads = params
    for k in grads:
        grads[k] = np.zeros_like(params[k])
    return {k: v.copy() for k, v in grads.items()}

def append_batch(batches):
    batches.append(np.zeros(1))
    return len(batches)

class Layer:
    def __init__(self, W):
        self.W = W
    def forward(self, x):
        self.x = x
        return x @ self.W
    def shrink(self):
        self.W *= 0.5
        return None

class Keeper:
    def __init__(self):
        self.best = None
    def update(self, params):
        self.best = dict(params)
    def update_copy(self, params):
        self.best = {k: v.copy() for k, v in params.items()}
'''


@pytest.fixture(scope="module")
def sub():
    copy = protected_copy([], tempfile.mkdtemp())
    with Submission([(0, CODE)], copy, Limits(call_seconds=10)) as s:
        s._ensure()
        yield s


def test_in_place_change_of_an_argument_fails_naming_it(sub):
    X = np.ones((2, 3))
    with pytest.raises(Failed) as exc:
        sub.function("scale_in_place")(X, 2.0)
    text = str(exc.value)
    assert "`scale_in_place(...)` changed the caller's `X` in place: 6 of 6 entries differ" in text
    assert "was 1, now 2" in text
    assert "Hint:" in text
    # the grader's own array is untouched: only the worker's copy changed
    assert np.all(X == 1.0)


def test_an_unchanged_call_reports_nothing(sub):
    assert sub.function("clean")(np.ones((2, 3)), 2.0) == 12.0
    fx = sub.last_effects
    assert fx.mutated == [] and fx.result_aliases == [] and fx.warnings == []
    assert fx.dtypes == {"": "float64"}  # a NumPy scalar


def test_arrays_inside_a_dict_are_watched(sub):
    params = {"W": np.ones((2, 2)), "b": np.zeros(2)}
    grads = {"W": np.ones((2, 2)), "b": np.ones(2)}
    with pytest.raises(Failed, match=r"changed the caller's `params\['W'\]` in place"):
        sub.function("update_params")(params, grads, 0.1)
    out = sub.function("new_params")(params, grads, 0.1)
    assert np.allclose(out["W"], 0.9)


def test_arrays_inside_a_list_are_watched(sub):
    with pytest.raises(Failed, match=r"`batches\[0\]`"):
        sub.function("sum_batches")([np.arange(3), np.arange(2)])


def test_an_exercise_may_allow_in_place_updates(sub):
    params = {"W": np.ones((2, 2))}
    f = sub.function("update_params", allow_inplace=("params",))
    out = f(params, {"W": np.ones((2, 2))}, 0.5)
    assert np.allclose(out["W"], 0.5)
    # the worker still reports it, and the result's arrays are the caller's
    assert sub.last_effects.mutated[0]["name"] == "params['W']"
    assert sub.last_effects.mutated[0]["param"] == "params"
    by_position = sub.function("update_params", allow_inplace=(0,))
    by_position(params, {"W": np.ones((2, 2))}, 0.5)


def test_returning_an_argument_or_a_view_of_it_is_aliasing(sub):
    with pytest.raises(Failed, match=r"`identity\(...\)` returned an array that shares memory with the "
                                     r"caller's `z` \(its result is that array"):
        sub.function("identity")(np.ones(3))
    with pytest.raises(Failed, match="shares memory with the caller's `z`"):
        sub.function("first_row")(np.ones((2, 3)))
    assert np.allclose(sub.function("relu_view")(np.array([-1.0, 2.0])), [0.0, 2.0])


def test_overflow_warnings_are_recorded(sub):
    z = np.array([-1000.0, 0.0, 1000.0])
    got = sub.function("softplus_naive")(z)
    fx = sub.last_effects
    assert fx.warnings and fx.warnings[0]["category"] == "RuntimeWarning"
    assert "overflow" in fx.warnings[0]["message"]
    with pytest.raises(Failed, match="raised a warning: RuntimeWarning: overflow encountered in exp"):
        expect_no_warnings(sub, "`softplus(...)` with |z| up to 1000")
    assert np.isinf(got[-1])
    sub.function("softplus_stable")(z)
    expect_no_warnings(sub, "`softplus(...)`")


def test_underflow_to_zero_is_not_a_warning(sub):
    sub.function("underflow")(np.array([1e4, -1e4]))
    assert sub.last_effects.warnings == []


def test_result_dtype(sub):
    got = sub.function("ints")(4)
    assert sub.last_effects.dtypes == {"": "int64"}
    with pytest.raises(Failed, match="expected floating-point numbers, got an array of dtype int64"):
        expect_dtype(got, "float", "`ints(4)`")
    expect_dtype(got, "int", "`ints(4)`")
    with pytest.raises(Failed, match="got a Python int"):
        expect_dtype(3, "float", "x")
    expect_dtype(3.0, "float", "x")


def test_an_object_that_changes_an_array_the_constructor_kept(sub):
    W = np.ones((2, 2))
    layer = sub.new("Layer", W)
    assert sub.last_effects.state_aliases == [{"state": "self.W", "name": "W", "origin": "Layer(...)"}]
    layer.call("forward", np.ones((1, 2)))
    with pytest.raises(Failed, match=r"`Layer.shrink\(...\)` changed the `W` the caller gave to `Layer\(...\)` "
                                     "in place: 4 of 4 entries differ"):
        layer.call("shrink")
    ok = sub.new("Layer", W, allow_inplace={"__init__": ("W",)})
    ok.call("shrink")


def test_a_state_that_keeps_the_callers_arrays(sub):
    keeper = sub.new("Keeper")
    keeper.call("update", {"W": np.ones(2)})
    with pytest.raises(Failed, match=r"keeps the caller's `params\['W'\]` itself in `self.best\['W'\]`"):
        expect_own_state(sub, "`Keeper.update(...)`")
    keeper.call("update_copy", {"W": np.ones(2)})
    expect_own_state(sub, "`Keeper.update_copy(...)`")


def test_effects_from_the_worker_are_sanitised():
    from nncourse.grading.remote import Effects

    fx = Effects.parse({"mutated": [{"name": "x" * 1000, "index": [1, "a", 2], "evil": {"a": 1}}] * 100,
                        "warnings": "nope", "dtypes": {"": object}})
    assert len(fx.mutated) == 50 and len(fx.mutated[0]["name"]) == 300
    assert fx.mutated[0]["index"] == [1, 2] and isinstance(fx.mutated[0]["evil"], str)
    assert fx.warnings == [] and fx.dtypes == {"": "<class 'object'>"}
    assert Effects.parse(None).mutated == []
    check_effects("`f(...)`", Effects.parse("garbage"))


def test_replacing_the_entries_of_the_callers_dict_is_a_change(sub):
    code_params = {"W": np.ones(2), "b": np.zeros(1)}
    with pytest.raises(Failed, match=r"changed the caller's `params` in place: entries 'W', 'b' replaced"):
        sub.function("replace_entries")(code_params)
    with pytest.raises(Failed, match=r"changed the caller's `batches` in place: entries 2 added"):
        sub.function("append_batch")([np.ones(1), np.ones(1)])
