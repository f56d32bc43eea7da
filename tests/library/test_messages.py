"""Checks happen once, at the public boundary, and say exactly what they said before the kernels moved inside.

Every message in ``messages.json`` (case name -> [exception class, message])
was recorded from the library before its checks were moved to the boundary or
shared between functions; the table pins them word for word.
"""

import builtins
import json
import pathlib

import numpy as np
import pytest

from nncourse import activations as A
from nncourse import diagnostics as D
from nncourse import layers as Ly
from nncourse import losses as L
from nncourse import optim as O
from nncourse import plot as P
from nncourse import train as T


def _forward_then_backward(layer, x, grad_out):
    layer.forward(x)
    return layer.backward(grad_out)


def cases():
    """Name -> a call that makes one mistake at a public entry point."""
    rng = np.random.default_rng(0)
    lin = Ly.Linear(np.zeros((4, 2)), np.zeros(2))
    lin.forward(np.zeros((5, 4)))
    relu, sig, drop = Ly.ReLU(), Ly.Sigmoid(), Ly.Dropout(0.5, rng)
    for layer in (relu, sig, drop):
        layer.forward(np.zeros((2, 3)))
    seq = Ly.Sequential(Ly.Linear(np.zeros((4, 2)), np.zeros(2)), Ly.Tanh())
    seq.forward(np.zeros((3, 4)))
    return {
        "Linear.forward 1-D": lambda: lin.forward(np.zeros(3)),
        "Linear.forward width": lambda: lin.forward(np.zeros((2, 3))),
        "Linear.forward list width": lambda: lin.forward([[1, 2, 3]]),
        "Linear.forward string": lambda: lin.forward("x"),
        "Linear.forward None": lambda: lin.forward(None),
        "Linear.forward complex": lambda: lin.forward(np.zeros((2, 4), complex)),
        "Linear.forward object": lambda: lin.forward(np.array([[None] * 4], dtype=object)),
        "Linear.backward shape": lambda: lin.backward(np.zeros((5, 3))),
        "Linear.backward string": lambda: lin.backward("g"),
        "Linear.backward before forward": lambda: Ly.Linear(np.zeros((4, 2)), np.zeros(2)).backward(np.zeros((1, 2))),
        "Linear b": lambda: Ly.Linear(np.zeros((4, 2)), np.zeros(3)),
        "linear_forward x": lambda: Ly.linear_forward(np.zeros((2, 5)), np.zeros((4, 2)), np.zeros(2)),
        "linear_forward b": lambda: Ly.linear_forward(np.zeros((2, 4)), np.zeros((4, 2)), np.zeros(3)),
        "linear_forward W": lambda: Ly.linear_forward(np.zeros((2, 4)), np.zeros(4), np.zeros(3)),
        "linear_backward cache": lambda: Ly.linear_backward(np.zeros((2, 2)), [np.zeros((2, 4)), np.zeros((4, 2))]),
        "linear_backward shape": lambda: Ly.linear_backward(np.zeros((2, 3)), (np.zeros((2, 4)), np.zeros((4, 2)))),
        "ReLU.backward shape": lambda: relu.backward(np.zeros((3, 2))),
        "ReLU.backward before forward": lambda: Ly.ReLU().backward(np.zeros((3, 2))),
        "Sigmoid.forward string": lambda: sig.forward("z"),
        "Sigmoid.backward shape": lambda: sig.backward(np.zeros((3, 2))),
        "Dropout.backward shape": lambda: drop.backward(np.zeros((3, 2))),
        "Sequential.forward width": lambda: seq.forward(np.zeros((3, 5))),
        "Sequential.backward shape": lambda: seq.backward(np.zeros((3, 5))),
        "Maxout.backward shape": lambda: _forward_then_backward(Ly.Maxout(2), np.zeros((2, 4)), np.zeros((2, 3))),
        "sigmoid string": lambda: A.sigmoid("z"),
        "relu complex": lambda: A.relu(np.ones(2, complex)),
        "leaky_relu alpha": lambda: A.leaky_relu(np.ones(2), alpha="a"),
        "softplus_prime None": lambda: A.softplus_prime(None),
        "softmax axis": lambda: A.softmax(np.ones((2, 3)), axis=2),
        "logsumexp axis type": lambda: A.logsumexp(np.ones((2, 3)), axis=1.0),
        "log_softmax 0-d": lambda: A.log_softmax(np.float64(1.0)),
        "mse shapes": lambda: L.mse(np.zeros((3, 1)), np.zeros(4)),
        "mse empty": lambda: L.mse(np.zeros((0, 1)), np.zeros((0, 1))),
        "bce logits": lambda: L.binary_cross_entropy(np.array([2.0]), np.array([1.0])),
        "sce label range": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3])),
        "sce negative label": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.array([-1, 0])),
        "sce label count": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])),
        "sce fractional labels": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.array([0.5, 1.0])),
        "sce label dtype": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.array(["a", "b"])),
        "sce one-hot shape": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.zeros((2, 4))),
        "sce rows": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.zeros((2, 3))),
        "sce 3-D": lambda: L.softmax_cross_entropy(np.zeros((2, 3)), np.zeros((2, 3, 1))),
        "sce logits 1-D": lambda: L.softmax_cross_entropy(np.zeros(3), np.array([0, 1, 2])),
        "SGD keys": lambda: O.SGD(0.1).step({"W": np.zeros(2), "b": np.zeros(1)}, {"W": np.zeros(2)}),
        "Adam shape": lambda: O.Adam(0.1).step({"W": np.zeros(2)}, {"W": np.zeros(3)}),
        "Momentum list grad shape": lambda: O.Momentum(0.1).step({"W": np.zeros(2)}, {"W": [1.0, 2.0, 3.0]}),
        "SGD int params": lambda: O.SGD(0.1).step({"W": np.zeros(2, int)}, {"W": np.zeros(2)}),
        "SGD list params": lambda: O.SGD(0.1).step({"W": [0.0]}, {"W": [1.0]}),
        "fit X": lambda: T.fit(seq, L.mse, O.SGD(0.1), np.zeros(3), np.zeros(3), epochs=1, batch_size=1, rng=rng),
        "fit y": lambda: T.fit(seq, L.mse, O.SGD(0.1), np.zeros((3, 4)), np.zeros(2), epochs=1, batch_size=1, rng=rng),
        "fit l2": lambda: T.fit(seq, L.mse, O.SGD(0.1), np.zeros((3, 4)), np.zeros((3, 2)), epochs=1, batch_size=1,
                                rng=rng, l2=-1),
        "fit diverges": lambda: T.fit(Ly.Sequential(Ly.Linear(np.ones((1, 1)), np.zeros(1))), L.mse, O.SGD(1e30),
                                      np.ones((4, 1)) * 1e3, np.zeros((4, 1)), epochs=3, batch_size=2, rng=rng),
        "l2_penalty lam": lambda: T.l2_penalty({"W": np.zeros(2)}, -1),
        "accuracy rows": lambda: T.accuracy(np.zeros((3, 2)), np.array([0, 1])),
        "fit loss_fn": lambda: T.fit(seq, "mse", O.SGD(0.1), np.zeros((3, 4)), np.zeros((3, 2)), epochs=1,
                                     batch_size=1, rng=rng),
        "fit schedule": lambda: T.fit(seq, L.mse, O.SGD(0.1), np.zeros((3, 4)), np.zeros((3, 2)), epochs=1,
                                      batch_size=1, rng=rng, schedule=0.1),
        "fit model": lambda: T.fit("model", L.mse, O.SGD(0.1), np.zeros((3, 4)), np.zeros((3, 2)), epochs=1,
                                   batch_size=1, rng=rng),
        "overfit_subset model": lambda: D.overfit_subset(None, O.SGD(0.1), np.zeros((3, 4)), np.zeros(3, int)),
        "decision_boundary predict": lambda: P.decision_boundary(None, np.zeros((3, 2)), np.zeros(3, int)),
        "optimizer_paths f": lambda: P.optimizer_paths(1.0, {"SGD": np.zeros((3, 2))}),
        "bce targets": lambda: L.binary_cross_entropy(np.array([0.5]), np.array([2.0])),
        "bce with logits targets": lambda: L.binary_cross_entropy_with_logits(np.array([0.5]), np.array([-1.0])),
        "bce with logits shapes": lambda: L.binary_cross_entropy_with_logits(np.zeros((2, 1)), np.zeros(3)),
        "constant schedule step": lambda: O.constant(0.1)(-1),
        "linear_decay schedule step": lambda: O.linear_decay(0.1, 0.01, 10)(1.5),
        "step_decay schedule step": lambda: O.step_decay(0.1, 0.5, 10)("3"),
    }


EXPECTED = json.loads((pathlib.Path(__file__).parent / "messages.json").read_text())


def test_every_case_has_a_recorded_message():
    """Is each mistake above pinned by a recorded message, and each recorded message still made?"""
    assert sorted(cases()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_message_unchanged(case):
    """Does the mistake raise the same exception, with the same message word for word?"""
    kind, message = EXPECTED[case]
    with pytest.raises(getattr(builtins, kind)) as info:
        cases()[case]()
    assert str(info.value) == message
