"""Does only plain data cross between the student's worker and the grader?"""

import json

import numpy as np
import pytest

from nncourse.grading import wire


@pytest.mark.parametrize("value", [
    None, True, 3, -2.5, "text", [1, 2.0, None], {"a": [1, {"b": "c"}]}, (1, (2.0, "x")),
    np.arange(6, dtype=np.float64).reshape(2, 3), np.array([1, 2], dtype=np.int32), np.array(True),
    {"W1": np.ones((2, 2), np.float32), "b1": np.zeros(2)}, float("nan"), float("inf"),
])
def test_round_trip(value):
    back = wire.loads(wire.dumps(value))
    if isinstance(value, float) and np.isnan(value):
        assert np.isnan(back)
    elif isinstance(value, dict) and "W1" in value:
        assert back["W1"].dtype == np.float32 and np.array_equal(back["W1"], value["W1"])
    elif isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
    else:
        assert back == value and type(back) is type(value)


def test_numpy_scalars_become_python_numbers():
    assert wire.loads(wire.dumps(np.float64(1.5))) == 1.5
    assert type(wire.loads(wire.dumps(np.int64(3)))) is int


def test_objects_do_not_cross():
    class AlwaysEqual:
        def __eq__(self, other):
            return True

    back = wire.loads(wire.dumps(AlwaysEqual()))
    assert isinstance(back, wire.Unsupported) and back.type_name == "AlwaysEqual"
    assert isinstance(wire.loads(wire.dumps(np.array([object()]))), wire.Unsupported)


@pytest.mark.parametrize("doc,match", [
    ({"__ndarray__": "AAAA", "dtype": "object", "shape": [1]}, "not allowed"),
    ({"__ndarray__": "AAAA", "dtype": "float64", "shape": [5]}, "does not match"),
    ({"__ndarray__": "!!", "dtype": "float64", "shape": [0]}, "base64"),
    ({"__ndarray__": "", "dtype": "float64", "shape": [10**5, 10**5]}, "too large"),
    ({"__tuple__": [1], "extra": 2}, "malformed"),
    ({"__unsupported__": 3}, "malformed"),
    ({"__ndarray__": "", "dtype": "float64", "shape": [-1]}, "shape"),
])
def test_malformed_values_are_rejected(doc, match):
    with pytest.raises(wire.WireError, match=match):
        wire.loads(json.dumps(doc))


def test_deep_nesting_is_rejected():
    doc = 1
    for _ in range(100):
        doc = [doc]
    with pytest.raises(wire.WireError, match="deeply"):
        wire.decode(doc)


def test_answers_must_have_the_protocol_shape():
    from nncourse.grading.wire import WireError, parse_answer

    assert parse_answer(b'{"ok": [1, 2]}') == {"ok": [1, 2]}
    assert parse_answer(b'{"missing": "relu"}') == {"missing": "relu"}
    for bad in (b"garbage", b"[1]", b'{"ok": 1, "extra": 2}', b'{"error": "x"}', b'{"missing": 3}',
                b"[" * 100000 + b"]" * 100000, b'{"ok": 1'):
        with pytest.raises(WireError):
            parse_answer(bad)


def test_the_worker_serves_only_the_protocols_operations():
    """Does the worker answer call/new/method/get (top-level and attribute) and refuse anything else?"""
    from nncourse.grading.worker import Worker

    w = Worker(None, None)
    w.load([{"index": 0, "source": "class Box:\n    def __init__(self, v):\n        self.v = v\n"
                                  "    def double(self):\n        return 2 * self.v\n\n"
                                  "def inc(x):\n    return x + 1\n\nANSWER = 'b'\n"}], 10)
    assert w.handle({"op": "call", "name": "inc", "args": [1]})["ok"] == 2
    handle = w.handle({"op": "new", "name": "Box", "args": [3]})["ok"]["handle"]
    assert w.handle({"op": "method", "handle": handle, "name": "double"})["ok"] == 6
    assert w.handle({"op": "get", "handle": handle, "name": "v"}) == {"ok": 3}
    assert w.handle({"op": "get", "handle": None, "name": "ANSWER"}) == {"ok": "b"}
    assert w.handle({"op": "get", "handle": None, "name": "nope"}) == {"missing": "nope"}
    assert w.handle({"op": "get", "handle": handle, "name": "w"}) == {"missing": "Box.w"}
    for op in ("kind", "set", "load_more", None):
        with pytest.raises(ValueError, match="unknown request"):
            w.handle({"op": op, "handle": handle, "name": "v", "kwargs": {"value": 1}})
    assert w.handle({"op": "get", "handle": handle, "name": "v"}) == {"ok": 3}


def test_an_assignment_that_draws_is_skipped_like_a_plot_but_not_one_that_computes():
    """``fig, ax = plt.subplots()`` at the top level would import matplotlib in every worker of the
    notebook (0.4 s each); it is display code. A model fitted at the top level is computation."""
    from nncourse.grading.worker import Worker

    w = Worker(None, None)
    report = w.load([{"index": 0, "source": "import matplotlib.pyplot as plt\nimport ipywidgets as widgets\n"
                                            "from sklearn.preprocessing import StandardScaler\n"
                                            "fig, ax = plt.subplots(figsize=(3, 3))\n"
                                            "slider: object = widgets.FloatSlider(min=0, max=1)\n"
                                            "scale = max(1, 2)\n"
                                            "scaler = StandardScaler().fit([[0.0], [2.0]])\n"
                                            "def f(x):\n    return scale * x\n"}], 10)
    assert report["problems"] == [] and report["skipped"] == 2
    assert not {"fig", "ax", "slider"} & set(w.ns)
    assert w.handle({"op": "call", "name": "f", "args": [2]})["ok"] == 4
    assert w.handle({"op": "get", "handle": None, "name": "scale"}) == {"ok": 2}
    assert float(w.ns["scaler"].mean_[0]) == 1.0
