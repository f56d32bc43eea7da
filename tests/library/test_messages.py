"""Checks happen once, at the public boundary, and say exactly what they said before the kernels moved inside.

Every message below was recorded from the library before its checks were
moved to the boundary; the table pins them word for word.
"""

import numpy as np
import pytest

from nncourse import activations as A
from nncourse import layers as Ly
from nncourse import losses as L
from nncourse import optim as O
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
    }


EXPECTED = {
    'Linear.forward 1-D': (ValueError, 'Linear.forward: x has shape (3,), expected (batch, 4)'),
    'Linear.forward width': (ValueError, 'Linear.forward: x has shape (2, 3), expected (batch, 4)'),
    'Linear.forward list width': (ValueError, 'Linear.forward: x has shape (1, 3), expected (batch, 4)'),
    'Linear.forward string': (TypeError, 'Linear.forward: x must be a numeric array, got str'),
    'Linear.forward None': (TypeError, 'Linear.forward: x must be a numeric array, got NoneType'),
    'Linear.forward complex': (TypeError, 'Linear.forward: x must be real, got complex dtype complex128'),
    'Linear.forward object': (TypeError, 'Linear.forward: x must be a numeric array, got dtype object (ndarray)'),
    'Linear.backward shape': (ValueError, 'Linear.backward: grad_out has shape (5, 3), expected (5, 2)'),
    'Linear.backward string': (TypeError, 'Linear.backward: grad_out must be a numeric array, got str'),
    'Linear.backward before forward': (RuntimeError, 'Linear.backward called before forward; call forward(x) first'),
    'Linear b': (ValueError, 'Linear: b has shape (3,), expected (2,) to match W (4, 2)'),
    'linear_forward x': (ValueError, 'linear_forward: x has shape (2, 5), expected (batch, 4)'),
    'linear_forward b': (ValueError, 'linear_forward: b has shape (3,), expected (2,) to match W (4, 2)'),
    'linear_forward W': (ValueError, 'linear_forward: W has shape (4,), expected (in_features, out_features)'),
    'linear_backward cache': (TypeError,
        'linear_backward: cache must be the (x, W) tuple returned by linear_forward, got list'),
    'linear_backward shape': (ValueError,
        'linear_backward: grad_out has shape (2, 3), expected (2, 2) (the shape of out)'),
    'ReLU.backward shape': (ValueError, 'ReLU.backward: grad_out has shape (3, 2), expected (2, 3)'),
    'ReLU.backward before forward': (RuntimeError, 'ReLU.backward called before forward; call forward(x) first'),
    'Sigmoid.forward string': (TypeError, 'Sigmoid.forward: x must be a numeric array, got str'),
    'Sigmoid.backward shape': (ValueError,
        'Sigmoid.backward: grad_out has shape (3, 2), expected (2, 3) (the shape of its '
        'input)'),
    'Dropout.backward shape': (ValueError, 'Dropout.backward: grad_out has shape (3, 2), expected (2, 3)'),
    'Sequential.forward width': (ValueError, 'Linear.forward: x has shape (3, 5), expected (batch, 4)'),
    'Sequential.backward shape': (ValueError,
        'Tanh.backward: grad_out has shape (3, 5), expected (3, 2) (the shape of its input)'),
    'Maxout.backward shape': (ValueError,
        'maxout_backward: grad_out has shape (2, 3), expected (2, 2) (the shape of maxout(z, '
        'k))'),
    'sigmoid string': (TypeError, 'sigmoid: z must be a numeric array, got str'),
    'relu complex': (TypeError, 'relu: z must be real, got complex dtype complex128'),
    'leaky_relu alpha': (TypeError, 'leaky_relu: alpha must be a number, got str'),
    'softplus_prime None': (TypeError, 'softplus_prime: z must be a numeric array, got NoneType'),
    'softmax axis': (ValueError, 'softmax: axis 2 is out of range for z of shape (2, 3)'),
    'logsumexp axis type': (TypeError, 'logsumexp: axis must be an integer, got float'),
    'log_softmax 0-d': (ValueError, 'log_softmax: z has shape (), expected at least 1 dimension'),
    'mse shapes': (ValueError,
        'mse: y has shape (3, 1) but t has shape (4,); they must match (one target per '
        'prediction)'),
    'mse empty': (ValueError, 'mse: y is an empty batch (shape (0, 1))'),
    'bce logits': (ValueError,
        'binary_cross_entropy: p must hold probabilities in [0, 1], got values in [2, 2]; if '
        'these are logits (scores before the sigmoid) use binary_cross_entropy_with_logits'),
    'sce label range': (ValueError,
        'softmax_cross_entropy: t holds labels in [0, 3], expected 0 .. 2 for logits with '
        'K=3 columns'),
    'sce negative label': (ValueError,
        'softmax_cross_entropy: t holds labels in [-1, 0], expected 0 .. 2 for logits with '
        'K=3 columns'),
    'sce label count': (ValueError, 'softmax_cross_entropy: t has 3 labels, expected 2 (one per row)'),
    'sce fractional labels': (ValueError,
        'softmax_cross_entropy: t must hold whole-number class labels, got non-integer values'),
    'sce label dtype': (TypeError, 'softmax_cross_entropy: t must hold integer class labels, got dtype <U1'),
    'sce one-hot shape': (ValueError,
        'softmax_cross_entropy: t has shape (2, 4) but logits has shape (2, 3); give one-hot '
        'targets of shape (2, 3) or integer labels of shape (2,)'),
    'sce rows': (ValueError,
        'softmax_cross_entropy: each row of t must be a probability vector (non-negative, '
        'summing to 1)'),
    'sce 3-D': (ValueError,
        'softmax_cross_entropy: t has shape (2, 3, 1), expected integer labels (2,) or '
        'one-hot (2, 3)'),
    'sce logits 1-D': (ValueError, 'softmax_cross_entropy: logits has shape (3,), expected (N, K)'),
    'SGD keys': (ValueError,
        "SGD.step: params and grads must have the same keys; missing from grads: ['b'], not "
        'in params: []'),
    'Adam shape': (ValueError, "Adam.step: grads['W'] has shape (3,), expected (2,) (the shape of params['W'])"),
    'Momentum list grad shape': (ValueError,
        "Momentum.step: grads['W'] has shape (3,), expected (2,) (the shape of params['W'])"),
    'SGD int params': (TypeError,
        "SGD.step: params['W'] must be a float ndarray updated in place, got ndarray of "
        'dtype int64'),
    'SGD list params': (TypeError, "SGD.step: params['W'] must be a float ndarray updated in place, got list"),
    'fit X': (ValueError, 'fit: X has shape (3,), expected (N, features)'),
    'fit y': (ValueError, 'fit: y has shape (2,) but X has 3 rows; expected one target per row'),
    'fit l2': (ValueError, 'fit: l2 must be a non-negative number, got -1'),
    'fit diverges': (FloatingPointError,
        'fit: the training loss became inf in epoch 3 of 3; the learning rate (lr=1e+30) is '
        'probably too large, try a smaller one (and check that the inputs are scaled)'),
    'l2_penalty lam': (ValueError, 'l2_penalty: lam must be a non-negative number, got -1'),
    'accuracy rows': (ValueError, 'accuracy: scores has 3 rows but y has 2 labels'),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_message_unchanged(case):
    """Does the mistake raise the same exception, with the same message word for word?"""
    kind, message = EXPECTED[case]
    with pytest.raises(kind) as info:
        cases()[case]()
    assert str(info.value) == message
