"""Hidden tests for Exercise 6, ``network_backward(x, grad_out, params) -> (grad_x, grads)``.

The network is the notebook's ``make_network(params)``: Linear, Sigmoid, Linear, ..., Sigmoid, Linear, one
Linear layer per pair (W, b) of ``params``; ``grad_out`` is the error signal of its output.  ``grads`` is the
list of the L pairs (dW, db) in the order of ``params``.  The suite grades the loop; it runs the student's own
``Linear`` and ``Sigmoid`` (Exercises 2 and 3), as the exercise asks.
"""

import numpy as np

from nncourse.grading.testing import diagnose, expect, expect_close, expect_returns, expect_shape, fail, sigmoid, weight

NAME = "network_backward"
NEUTRAL = ("Run the forward pass through every layer of make_network(params), then one loop over "
           "reversed(layers), each backward starting from the previous one's result; collect (layer.dW, layer.db) "
           "of the Linear layers in the order of params.")


def draw(rng, n_layers=None, n=None, width=None):
    """(x, grad_out, params) for a network of ``n_layers`` Linear layers; all widths equal to ``width`` if given."""
    n_layers = int(rng.integers(2, 4)) if n_layers is None else n_layers
    n = int(rng.integers(2, 7)) if n is None else n
    if width is None:
        sizes = [int(s) for s in rng.integers(2, 6, size=n_layers + 1)]
        for i in range(1, len(sizes)):           # neighbours differ, so a wrong order shows in the shapes
            if sizes[i] == sizes[i - 1]:
                sizes[i] += 1
    else:
        sizes = [width] * (n_layers + 1)
    params = [(rng.normal(size=(a, b)), rng.normal(0.0, 0.5, size=b)) for a, b in zip(sizes[:-1], sizes[1:])]
    return rng.normal(size=(n, sizes[0])), rng.normal(size=(n, sizes[-1])), params


def backward(x, g, params, *, act_after_last=False, no_act=False, shared_act=False, first_act=False):
    """grad_x and [(dW, db)] of the network, or of a mistaken network (for hints)."""
    ins, acts = [], []
    out = x
    for index, (W, b) in enumerate(params):
        if index > 0 and not no_act:
            out = sigmoid(out)
            acts.append(out)
        ins.append(out)
        out = out @ W + b
    if act_after_last or (first_act and len(params) == 1):
        out = sigmoid(out)
        acts.append(out)
    if shared_act and acts:
        acts = [acts[-1]] * len(acts)
    grads = [None] * len(params)
    grad = g
    act_index = len(acts) - 1
    if act_after_last or (first_act and len(params) == 1):
        grad = grad * acts[act_index] * (1 - acts[act_index])
        act_index -= 1
    for index in range(len(params) - 1, -1, -1):
        W, _ = params[index]
        grads[index] = (ins[index].T @ grad, grad.sum(axis=0))
        grad = grad @ W.T
        if index > 0 and not no_act:
            y = acts[act_index]
            grad = grad * y * (1 - y)
            act_index -= 1
    return grad, grads


def mistakes(x, g, params):
    """(hint, (grad_x, grads) of that mistake on the same input)."""
    n = x.shape[0]
    right_x, right = backward(x, g, params)
    return [
        ("The pairs are in the order of the backward loop (last layer first); return them in the order of "
         "params, first layer first.", lambda: (right_x, right[::-1])),
        ("There is no Sigmoid between your Linear layers: use make_network(params), which puts one between "
         "consecutive Linear layers.", lambda: backward(x, g, params, no_act=True)),
        ("Your network ends with a Sigmoid: make_network puts none after the last Linear layer.",
         lambda: backward(x, g, params, act_after_last=True)),
        ("One Sigmoid object is used at several places: its cache holds only its latest forward call, so each "
         "place needs its own layer (make_network creates a new Sigmoid() for each).",
         lambda: backward(x, g, params, shared_act=True)),
        (f"The gradients are {n} times too small: grad_out already holds the scale of the cost; a layer's dW "
         "sums over the batch.", lambda: (right_x / n, [(dW / n, db / n) for dW, db in right])),
    ]


def unpack(out, n_layers, what):
    grad_x, grads = expect_returns(out, ("grad_x", "grads"), what)
    if not isinstance(grads, (tuple, list)):
        fail(f"{what}: grads should be a list of {n_layers} pairs (dW, db), got {type(grads).__name__}.",
             "Collect (layer.dW, layer.db) of every Linear layer.")
    expect(len(grads) == n_layers,
           f"{what}: grads holds {len(grads)} entries for a network of {n_layers} Linear layers.",
           "One pair (dW, db) per Linear layer, and none for the Sigmoid layers (they have no parameters).")
    for index, pair in enumerate(grads):
        expect(isinstance(pair, (tuple, list)) and len(pair) == 2,
               f"{what}: grads[{index}] should be a pair (dW, db), got {type(pair).__name__}.",
               "Append (layer.dW, layer.db) for each Linear layer.")
        expect(pair[0] is not None and pair[1] is not None, f"{what}: grads[{index}] holds None.",
               "Collect the gradients after the backward loop has run through every layer.")
    return grad_x, grads


def check(student, x, g, params, what, parts=("grads", "grad_x")):
    out = student.function(NAME)(x, g, params)
    grad_x, grads = unpack(out, len(params), what)
    right_x, right = backward(x, g, params)
    wrong = mistakes(x, g, params)
    try:
        got_all = (np.asarray(grad_x, dtype=float), [(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
                                                     for a, b in grads])
        hint = diagnose(got_all, (right_x, right), wrong, NEUTRAL)
    except (TypeError, ValueError):
        hint = NEUTRAL
    if "grads" in parts:
        for index, ((dW, db), (eW, eb)) in enumerate(zip(grads, right)):
            expect_close(dW, eW, f"{what}: grads[{index}][0], dW of layer {index + 1} of {len(params)}", hint)
            expect_close(db, eb, f"{what}: grads[{index}][1], db of layer {index + 1} of {len(params)}", hint)
    if "grad_x" in parts:
        expect_shape(grad_x, x.shape, f"{what}: grad_x", "grad_x is the error signal of x and has x's shape (N, D).")
        expect_close(grad_x, right_x, f"{what}: grad_x",
                     hint if hint != NEUTRAL else "grad_x is what the first layer's backward returns, at the end "
                     "of the loop over all layers.")


def sizes_of(params):
    return "-".join(str(s) for s in [params[0][0].shape[0]] + [W.shape[1] for W, _ in params])


@weight(1)
def test_returns_pairs(student, rng):
    """returns (grad_x, grads) with one pair (dW, db) per Linear layer, of the parameters' shapes"""
    x, g, params = draw(rng)
    what = f"network_backward for layer sizes {sizes_of(params)}"
    _, grads = unpack(student.function(NAME)(x, g, params), len(params), what)
    for index, ((dW, db), (W, b)) in enumerate(zip(grads, params)):
        expect_shape(dW, W.shape, f"{what}: grads[{index}][0]",
                     "dW of layer l has the shape of W_l: return the pairs in the order of params.")
        expect_shape(db, b.shape, f"{what}: grads[{index}][1]",
                     "db of layer l has the shape of b_l: return the pairs in the order of params.")


@weight(3)
def test_layer_grads(student, rng):
    """every layer's (dW, db), for 2 or 3 layers"""
    x, g, params = draw(rng)
    check(student, x, g, params, f"network_backward for layer sizes {sizes_of(params)}, N = {x.shape[0]}",
          parts=("grads",))


@weight(2)
def test_input_grad(student, rng):
    """grad_x, the error signal of the network's input"""
    x, g, params = draw(rng)
    check(student, x, g, params, f"network_backward for layer sizes {sizes_of(params)}, N = {x.shape[0]}",
          parts=("grad_x",))


@weight(1)
def test_one_layer(student, rng):
    """L = 1: a single Linear layer, no Sigmoid"""
    x, g, params = draw(rng, n_layers=1)
    check(student, x, g, params, f"network_backward for one Linear layer {sizes_of(params)}")


@weight(2)
def test_deep(student, rng):
    """L = 5: four Sigmoid layers, each with its own cache"""
    x, g, params = draw(rng, n_layers=5)
    check(student, x, g, params, f"network_backward for 5 layers {sizes_of(params)}")


@weight(1)
def test_square_layers(student, rng):
    """all widths equal, so a wrong order of layers or of pairs does not show in the shapes"""
    width = int(rng.integers(2, 5))
    x, g, params = draw(rng, n_layers=3, width=width)
    check(student, x, g, params, f"network_backward for 3 layers {sizes_of(params)}")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example"""
    x, g, params = draw(rng, n=1)
    check(student, x, g, params, f"network_backward for layer sizes {sizes_of(params)} and a batch of 1")
