r"""Self-checks for lesson 08, "Overfitting and regularisation".

Each function takes the student's answer and tries it on small, fixed
examples::

    from nncourse.checks import overfitting as check
    check.l2_penalty(l2_penalty)
    check.dropout(dropout_forward, dropout_backward)
    check.early_stopping(EarlyStopping)
    check.augment_with_noise(augment_with_noise)
    check.choose_hyperparameters(choose_hyperparameters)

Conventions of the lesson: the L2 penalty is :math:`\frac{\lambda}{2}\sum
\lVert W\rVert^2` over the parameters whose name starts with ``"W"``;
dropout's ``p`` is the probability of *dropping* a unit and ``keep`` a
boolean mask (``True`` = kept); early stopping improves on a strictly smaller
validation loss and stops when ``patience`` epochs in a row did not improve.
"""

from __future__ import annotations

import copy
import warnings

import numpy as np

from nncourse._compare import diagnose, matches
from nncourse.checks import as_number, check_close, check_shape, check_tuple, fail, finish, passed
from nncourse.gradcheck import numerical_gradient

__all__ = ["l2_penalty", "dropout", "early_stopping", "augment_with_noise", "choose_hyperparameters"]


def _quiet(fn, *args, **kwargs):
    """Call the student's ``fn`` without printing NumPy warnings (the check looks at the result)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)        # e.g. the mean of an empty array
        return fn(*args, **kwargs)


def _same(got, expected) -> bool:
    """True if ``got`` is an array of ``expected``'s shape with (nearly) the same values."""
    return matches(got, expected, rtol=1e-6, atol=1e-12)


# --------------------------------------------------------------------------- exercise 1

def _params_example():
    rng = np.random.default_rng(0)
    return {"W1": rng.standard_normal((3, 4)), "b1": rng.standard_normal(4),
            "W2": rng.standard_normal((4, 2)), "b2": rng.standard_normal(2)}


def _penalty(params, lam):
    return 0.5 * lam * sum(float(np.sum(v * v)) for k, v in params.items() if k.startswith("W"))


def l2_penalty(fn) -> None:
    r"""Check ``l2_penalty(params, lam) -> (value, grads)``."""
    params = _params_example()
    before = copy.deepcopy(params)
    lam = 0.1
    what = "l2_penalty(params, lam=0.1) with W1 (3, 4), b1 (4,), W2 (4, 2), b2 (2,)"
    out = _quiet(fn, params, lam)
    if not isinstance(out, (tuple, list)) or len(out) != 2 or not isinstance(out[1], dict):
        fail(what, f"expected a pair (value, grads) with grads a dict, got {type(out).__name__}.",
             "End the function with `return value, grads`.")
    value, grads = out
    for k in params:
        if not np.array_equal(params[k], before[k]):
            fail(what, f"params[{k!r}] was changed by the call.",
                 "Build new arrays for the gradients; do not modify the parameters.")
    value = as_number(value, what + ": value", "The penalty is one number: sum over all weight matrices.")
    passed("returns (value, grads) and leaves params unchanged")

    expected = _penalty(params, lam)
    all_params = 0.5 * lam * sum(float(np.sum(v * v)) for v in params.values())
    hint = "value = lam / 2 * (sum of W * W over every weight matrix)."
    if np.isclose(value, 2 * expected):
        hint = "Your value is twice too large: the lesson's penalty has a factor 1/2, lam / 2 * sum(W**2)."
    elif np.isclose(value, all_params):
        hint = "You penalised the biases too: only the keys that start with 'W' are weights."
    check_close(value, expected, what + ": value", hint)
    passed("the value is lam/2 * sum of squared weights, biases excluded")

    if sorted(grads) != sorted(params):
        fail(what, f"grads has keys {sorted(grads)}, expected the keys of params {sorted(params)}.",
             "Return a gradient for every parameter: zeros for the biases, so the dict can be added to "
             "the network's gradients key by key.")
    for k in ("W1", "W2"):
        num = numerical_gradient(lambda v, k=k: _penalty({**params, k: v}, lam), params[k])
        got = np.asarray(grads[k], dtype=float) if grads[k] is not None else None
        hint = "The gradient of lam/2 * ||W||^2 with respect to W is lam * W."
        if got is not None and _same(got, 2 * num):
            hint = "Your gradient is 2 lam W: with the factor 1/2 in the penalty the gradient is lam * W."
        elif got is not None and _same(got, num / lam):
            hint = "You forgot lam: the gradient is lam * W, not W."
        check_close(grads[k], num, f"{what}: grads[{k!r}]", hint)
    passed("grads of the weights are lam * W")
    for k in ("b1", "b2"):
        hint = "Biases are not penalised: their gradient is np.zeros_like(b)."
        check_close(grads[k], np.zeros_like(params[k]), f"{what}: grads[{k!r}]", hint)
    passed("grads of the biases are zeros of the right shape")

    value0, grads0 = _quiet(fn, params, 0.0)
    check_close(as_number(value0, "l2_penalty(params, lam=0): value"), 0.0, "l2_penalty(params, lam=0): value")
    check_close(grads0["W1"], np.zeros((3, 4)), "l2_penalty(params, lam=0): grads['W1']")
    passed("lam = 0 gives no penalty")
    finish()


# --------------------------------------------------------------------------- exercise 2

def _dropout_pass(fn, name, arg, arg_name, p, keep, expected, variants, rule, passes):
    """Check one pass of dropout, ``name(arg, p, keep, train)``, in training mode against ``expected`` (the
    ``variants`` are known mistakes, ``rule`` the formula) and in evaluation mode against ``arg`` itself;
    ``passes`` are the two lines printed when each holds."""
    before = arg.copy()
    what = f"{name}({arg_name}, p={p:g}, keep, train=True) for {arg_name} of shape {arg.shape}"
    out = _quiet(fn, arg, p, keep, True)
    check_close(out, expected, what, diagnose(out, expected, variants, f"In training mode: {rule}.",
                                              rtol=1e-6, atol=1e-12))
    if not np.array_equal(arg, before):
        fail(what, f"{arg_name} was changed by the call.",
             f"Return a new array ({rule}); do not assign into {arg_name}.")
    passed(passes[0])
    what = f"{name}({arg_name}, p={p:g}, keep, train=False)"
    check_close(_quiet(fn, arg, p, keep, False), arg, what,
                f"In evaluation mode dropout is the identity (no mask, no scaling): return {arg_name} unchanged.")
    passed(passes[1])


def dropout(forward, backward) -> None:
    r"""Check ``dropout_forward(x, p, keep, train)`` and ``dropout_backward(grad_out, p, keep, train)``."""
    x = np.array([[1.0, -2.0, 3.0, 0.5], [-1.5, 2.5, 0.0, 4.0]])
    keep = np.array([[True, False, True, True], [False, True, True, False]])
    g = np.array([[0.3, -1.0, 2.0, 1.5], [1.0, -0.5, 0.7, -2.0]])
    p = 0.25
    _dropout_pass(forward, "dropout_forward", x, "x", p, keep, x * keep / (1 - p), [
        ("You applied the mask but did not rescale: inverted dropout divides the kept units by 1 - p.", x * keep),
        ("Divide by the keep probability 1 - p, not by the drop probability p.", x * keep / p),
        ("Divide by 1 - p (inverted dropout), do not multiply by it.", x * keep * (1 - p)),
        ("keep is True for the units that stay: multiply by keep, not by its complement.", x * ~keep / (1 - p)),
    ], "out = x * keep / (1 - p)", ("training mode: x * keep / (1 - p)", "evaluation mode: the identity"))

    # The backward pass must be the derivative of the forward pass with the same mask.
    num = numerical_gradient(lambda u: float(np.sum(u * keep / (1 - p) * g)), x.copy())
    _dropout_pass(backward, "dropout_backward", g, "grad_out", p, keep, num, [
        ("You forgot the scale in backward: the forward pass divides by 1 - p, so the gradient does too.", g * keep),
        ("In training mode a dropped unit gets no gradient: multiply grad_out by keep / (1 - p).", g),
        ("Divide by the keep probability 1 - p, not by p.", g * keep / p),
    ], "grad_x = grad_out * keep / (1 - p), the same mask and the same scale as the forward pass",
        ("backward in training mode: grad_out * keep / (1 - p), matching finite differences",
         "backward in evaluation mode: grad_out unchanged"))

    what = "dropout_forward(x, p=0.0, all kept, train=True)"
    ones = np.ones_like(keep)
    check_close(_quiet(forward, x, 0.0, ones, True), x, what, "With p = 0 nothing is dropped and 1 - p = 1.")
    check_close(_quiet(backward, g, 0.0, ones, True), g, "dropout_backward(grad_out, p=0.0, all kept, train=True)")
    passed("p = 0 is the identity")
    finish()


# --------------------------------------------------------------------------- exercise 3

def _run_stopper(cls, patience, losses):
    """Feed ``losses`` to a fresh stopper with params {"W": [[epoch]]}, mutated in place like an optimizer does.

    Returns the stopper, the epoch of the first True (or None) and the list of answers.
    """
    stopper = cls(patience)
    params = {"W": np.zeros((1, 2)), "b": np.zeros(1)}
    answers, stopped = [], None
    for epoch, loss in enumerate(losses):
        params["W"][...] = epoch           # in place, as Adam.step does
        params["b"][...] = -epoch
        answer = _quiet(stopper.update, epoch, loss, params)
        answers.append(answer)
        if answer and stopped is None:
            stopped = epoch
            break
    return stopper, stopped, answers


def early_stopping(cls) -> None:
    r"""Check ``EarlyStopping(patience)`` with ``update(epoch, val_loss, params) -> bool``."""
    losses = [1.0, 0.8, 0.6, 0.65, 0.7, 0.62, 0.75, 0.9, 0.5]
    patience = 3
    what = f"EarlyStopping(patience=3) fed the validation losses {losses}"
    stopper, stopped, answers = _run_stopper(cls, patience, losses)
    for a in answers:
        if not isinstance(a, (bool, np.bool_)):
            fail(what, f"update returned {a!r}, expected True or False.",
                 "End update with `return True` (stop now) or `return False`.")
    passed("update returns True or False")

    hint = ("The best loss 0.6 is at epoch 2; epochs 3, 4 and 5 do not improve on it (0.62 > 0.6), so the "
            "counter reaches patience = 3 at epoch 5 and update returns True there.")
    if stopped == 6:
        hint = ("You stopped one epoch late: patience 3 means stop after 3 epochs without improvement, "
                "i.e. when the counter reaches patience (>=), not when it exceeds it.")
    elif stopped == 4:
        hint = "You stopped one epoch early: the counter must reach patience = 3, not patience - 1."
    elif stopped is None or stopped > 6:
        hint = ("Training never stopped at epoch 5. Compare each loss with the best loss so far, not with the "
                "previous epoch's loss (0.62 < 0.7 is not an improvement, because 0.6 was better), and reset "
                "the counter only on an improvement.")
    if stopped != 5:
        fail(what, f"expected update to return True first at epoch 5, got {stopped}.", hint)
    passed("stops at epoch 5: 3 epochs in a row without a new best")

    for attr in ("best_epoch", "best_loss", "best_params"):
        if not hasattr(stopper, attr):
            fail(what, f"the object has no attribute {attr!r}.", f"Set self.{attr} in update when the loss improves.")
    if stopper.best_epoch != 2:
        fail(what + ": best_epoch", f"expected 2, got {stopper.best_epoch!r}.",
             "best_epoch is the epoch of the lowest loss so far (0.6 at epoch 2), not the last or the stopping epoch.")
    check_close(as_number(stopper.best_loss, what + ": best_loss"), 0.6, what + ": best_loss",
                "best_loss is the lowest validation loss seen, 0.6.")
    passed("best_epoch = 2 and best_loss = 0.6")

    best = stopper.best_params
    if not isinstance(best, dict) or sorted(best) != ["W", "b"]:
        fail(what + ": best_params", f"expected a dict with the keys of params ['W', 'b'], got {best!r:.80}.",
             "Store a dict {name: copy of the array} when the loss improves.")
    hint = "best_params must hold the weights of the best epoch (2)."
    if _same(best["W"], np.full((1, 2), 5.0)):
        hint = ("best_params holds the weights of the last epoch. Save them only when the loss improves, and "
                "store copies: if you keep the dict or its arrays themselves, the optimizer changes them in "
                "place afterwards. Use {name: p.copy() for name, p in params.items()}.")
    check_close(best["W"], np.full((1, 2), 2.0), what + ": best_params['W']", hint)
    check_close(best["b"], np.full(1, -2.0), what + ": best_params['b']", hint)
    passed("best_params holds copies of the weights of the best epoch")

    losses = [0.5, 0.5, 0.4, 0.4, 0.4]
    what = f"EarlyStopping(patience=2) fed {losses}"
    stopper, stopped, _ = _run_stopper(cls, 2, losses)
    if stopper.best_epoch != 2 or stopped != 4:
        fail(what, f"expected best_epoch 2 and a stop at epoch 4, got best_epoch {stopper.best_epoch!r} and a stop "
             f"at {stopped!r}.", "Only a strictly smaller loss is an improvement: an equal loss counts as no "
             "improvement and does not move the checkpoint.")
    passed("an equal loss is not an improvement")

    losses = [0.9, 0.8, 0.7]
    stopper, stopped, _ = _run_stopper(cls, 1, losses)
    if stopped is not None or stopper.best_epoch != 2:
        fail(f"EarlyStopping(patience=1) fed {losses}", f"expected no stop and best_epoch 2, got a stop at "
             f"{stopped!r} and best_epoch {stopper.best_epoch!r}.",
             "While the loss keeps improving, update returns False and the counter stays at 0.")
    passed("never stops while the loss keeps improving")
    finish()


# --------------------------------------------------------------------------- exercise 4

def _contradicted_example():
    """Three originals on a line (two of class 0, one of class 1) and two copies of each, chosen by hand.

    Copy 1: (1.3, 0) is 0.3 from its class (at 1.0) and 0.9 from class 1: fine, though 1.3 from its own original;
    (2.0, 0) is 0.2 from class 1 and 1.0 from its class: contradicted; (2.2, 0) sits on its original.
    Copy 2: (0, 0.5) and (1, 0) are nearest to their class; (1.0, 0) of class 1 sits on a class-0 example:
    contradicted.  Two of the six copies: 1/3.
    """
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.2, 0.0]])
    t = np.array([0, 0, 1])
    noise = 2.0 * np.array([[[1.3, 0.0], [1.0, 0.0], [0.0, 0.0]],
                            [[0.0, 0.5], [0.0, 0.0], [-1.2, 0.0]]])
    return X, t, 0.5, noise


def augment_with_noise(fn) -> None:
    r"""Check ``augment_with_noise(X, t, sigma, noise) -> (X_aug, t_aug, contradicted)``."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 2))
    t = np.array([0, 1, 1])
    noise = rng.standard_normal((2, 3, 2))
    sigma = 0.5
    X_before, t_before = X.copy(), t.copy()
    what = "augment_with_noise(X (3, 2), t (3,), sigma=0.5, noise (2, 3, 2))"
    names = ("X_aug", "t_aug", "contradicted")
    X_aug, t_aug, _ = check_tuple(_quiet(fn, X, t, sigma, noise), names, what)
    shape_hint = "K = 2 copies plus the originals: X_aug has (K + 1) * N = 9 rows."
    if np.shape(X_aug) == (6, 2):
        shape_hint = ("One noisy copy is missing: there are K = noise.shape[0] copies (range(K), not range(K - 1))."
                      if _same(np.asarray(X_aug)[:3], X)
                      else "Keep the original examples too, before the noisy copies.")
    check_shape(X_aug, (9, 2), what + ": X_aug", shape_hint)
    check_shape(t_aug, (9,), what + ": t_aug", "t_aug has one label per row of X_aug.")
    passed("shapes ((K + 1) N, D) and ((K + 1) N,)")

    expected = np.concatenate([X, X + sigma * noise[0], X + sigma * noise[1]])
    hint = "X_aug = [X, X + sigma * noise[0], X + sigma * noise[1]] stacked by rows, in this order."
    if _same(X_aug, np.concatenate([X, X + noise[0], X + noise[1]])):
        hint = "Multiply the noise by sigma: copy k is X + sigma * noise[k]."
    elif _same(X_aug, np.concatenate([X, X + sigma ** 2 * noise[0], X + sigma ** 2 * noise[1]])):
        hint = "sigma is the standard deviation: multiply the standard-normal noise by sigma, not sigma**2."
    elif _same(X_aug, np.concatenate([X[None], X + sigma * noise]).transpose(1, 0, 2).reshape(9, 2)):
        hint = "The order is the originals first, then copy 1 (all N rows), then copy 2, not example by example."
    check_close(X_aug, expected, what + ": X_aug", hint)
    passed("X_aug is X followed by the noisy copies in order")

    hint = "The labels do not change: t_aug is t, t, t (np.tile(t, K + 1) or np.concatenate([t] * (K + 1)))."
    if _same(t_aug, np.repeat(t, 3)):
        hint = "np.repeat(t, K + 1) repeats each label in place (0, 0, 0, 1, 1, 1, ...); use np.tile(t, K + 1)."
    check_close(t_aug, np.tile(t, 3), what + ": t_aug", hint)
    if not (np.array_equal(X, X_before) and np.array_equal(t, t_before)):
        fail(what, "X or t was changed by the call.", "Build new arrays; do not add the noise into X in place.")
    passed("t_aug repeats the labels in the same order; X and t unchanged")

    X, t, sigma, noise = _contradicted_example()
    what = ("augment_with_noise(X = [[0, 0], [1, 0], [2.2, 0]], t = [0, 0, 1], sigma=0.5, K=2): contradicted "
            "(copies (1.3, 0), (2, 0), (2.2, 0), (0, 0.5), (1, 0), (1, 0))")
    share = as_number(check_tuple(_quiet(fn, X, t, sigma, noise), names, what)[2], what,
                      "contradicted is one number: the share of the copies that are contradicted.")
    hint = diagnose(share, 1 / 3, [
        ("contradicted is a share, not a count: divide by the number of copies K * N.", 2.0),
        ("Divide by the number of copies K * N = 6, not by all 9 rows: the originals are not candidates.", 2 / 9),
        ("The copy (1.3, 0) is 1.3 from its own original but only 0.3 from (1, 0), another example of its class: "
         "compare with the nearest original of the copy's own class, not only with its source.", 0.5),
        ("Only the 3 originals count as neighbours: in X_aug every copy is at distance 0 from itself.", 0.0),
        ("That is the share of copies that are not contradicted.", 2 / 3),
    ], "Two of the six copies are contradicted: (2, 0) of class 0 (0.2 from class 1, 1.0 from class 0) and "
       "(1, 0) of class 1 (it sits on a class-0 example): 2 / 6.")
    check_close(share, 1 / 3, what, hint)
    passed("contradicted: copies nearer to another class than to every example of their own")

    X = np.array([[0.0, 1.0], [0.0, 1.0], [2.0, 0.0]])
    t = np.array([0, 1, 1])
    what = "augment_with_noise(X with (0, 1) twice, labelled 0 and 1, sigma=0, K=1): contradicted"
    share = as_number(check_tuple(_quiet(fn, X, t, 0.0, np.ones((1, 3, 2))), names, what)[2], what)
    check_close(share, 0.0, what, "With sigma = 0 each copy sits on its original: an example of another class at the "
                "same place is equally near, not strictly nearer, so nothing is contradicted.")
    passed("an equally near example of another class does not contradict")

    out = check_tuple(_quiet(fn, X, t, 0.3, np.zeros((0, 3, 2))), names, "augment_with_noise with K = 0 copies")
    check_close(out[0], X, "augment_with_noise with K = 0 copies: X_aug", "With no copies, X_aug is X.")
    check_close(as_number(out[2], "augment_with_noise with K = 0 copies: contradicted"), 0.0,
                "augment_with_noise with K = 0 copies: contradicted",
                "With no copies there is nothing to count: return 0.0 (np.mean of an empty array is nan).")
    what = "augment_with_noise(X (3, 2), t = [1, 1, 1], sigma=0.5, K=2): contradicted"
    one_class = ("With a single class no copy can be contradicted: the share is 0.0. (The minimum over an empty set "
                 "of distances does not exist: np.min raises on it, a minimum with np.inf in its place does not.)")
    try:
        out = _quiet(fn, X, np.ones(3, dtype=int), 0.5, noise)
    except NotImplementedError:
        raise
    except Exception as exc:  # noqa: BLE001 - the student's error is the finding
        fail(what, f"the call raised {type(exc).__name__}: {exc}", one_class)
    check_close(as_number(check_tuple(out, names, what)[2], what), 0.0, what, one_class)
    passed("K = 0 copies gives the training set itself and a share of 0.0; one class contradicts nothing")
    finish()


# --------------------------------------------------------------------------- exercise 5

def _versus(winner, worse, better):
    """Per-example results (bool) like ``winner``'s but wrong on its first ``worse`` right answers and right on
    its first ``better`` wrong ones: against ``winner`` it loses ``worse`` examples and gains ``better``."""
    out = winner.copy()
    out[np.flatnonzero(winner)[:worse]] = False
    out[np.flatnonzero(~winner)[:better]] = True
    return out


def _record(hyper, train, val_correct, test):
    return {**hyper, "train_acc": train, "val_correct": val_correct, "test_acc": test}


def _same_records(a, b) -> bool:
    return len(a) == len(b) and all(
        isinstance(x, dict) and x.keys() == y.keys() and all(np.array_equal(x[k], y[k]) for k in y)
        for x, y in zip(a, b))


def _choose(fn, records, what):
    """The student's (config, test_acc, clear) on a copy of ``records``, checked for form and side effects."""
    given = copy.deepcopy(records)
    out = check_tuple(_quiet(fn, given), ("config", "test_acc", "clear"), what)
    if not isinstance(out[0], dict):
        fail(what, f"config is a {type(out[0]).__name__}, expected a dict of hyperparameters.",
             "Build config as {key: value for key, value in record.items() if key not in the scores}.")
    if not _same_records(given, records):
        fail(what, "records was changed by the call.",
             "Build a new dict for config and leave the list alone: no sort(), pop() or del on the records.")
    if not isinstance(out[2], (bool, np.bool_)):
        fail(what, f"clear is {out[2]!r}, expected True or False.", "Return bool(...) of your comparison.")
    return out


def choose_hyperparameters(fn) -> None:
    r"""Check ``choose_hyperparameters(records) -> (config, test_acc, clear)``."""
    winner = np.arange(100) < 80                                  # right on 80 of 100 validation examples
    records = [
        _record({"lam": 0.0, "p_drop": 0.0}, 1.00, _versus(winner, 13, 7), 0.72),     # 0.74, within noise
        _record({"lam": 0.01, "p_drop": 0.0}, 0.95, winner, 0.78),                     # 0.80, the winner
        _record({"lam": 0.01, "p_drop": 0.5}, 0.90, _versus(winner, 5, 0), 0.84),      # 0.75, clearly worse
        _record({"lam": 0.1, "p_drop": 0.5}, 0.62, _versus(winner, 20, 0), 0.61),      # 0.60, clearly worse
    ]
    what = ("choose_hyperparameters(4 records over lam and p_drop, validation accuracies 0.74, 0.80, 0.75, 0.60 "
            "on 100 examples)")
    config, test_acc, clear = _choose(fn, records, what)
    passed("returns (config, test_acc, clear) and leaves records unchanged")

    hint = "Choose the record with the highest validation accuracy, the mean of its 'val_correct'."
    if config.get("p_drop") == 0.5 and config.get("lam") == 0.01:
        hint = ("You chose by the test accuracy. The test set must not influence any choice: choose by the "
                "validation accuracy, then report the chosen record's 'test_acc'.")
    elif config.get("lam") == 0.0:
        hint = ("You chose by the training accuracy, which always favours the least regularised model: use the "
                "validation accuracy.")
    elif config.get("lam") == 0.1:
        hint = "You chose the lowest accuracy: take the maximum of the validation accuracy, not the minimum."
    if {k: v for k, v in config.items() if k in ("lam", "p_drop")} != {"lam": 0.01, "p_drop": 0.0}:
        fail(what, f"expected the configuration {{'lam': 0.01, 'p_drop': 0.0}}, got {config}.", hint)
    if sorted(config) != ["lam", "p_drop"]:
        fail(what, f"config has the keys {sorted(config)}, expected ['lam', 'p_drop'].",
             "config holds the hyperparameters only: leave out 'train_acc', 'val_correct' and 'test_acc'.")
    passed("chooses the record with the highest validation accuracy")

    hint = "Report the test accuracy of the chosen record (0.78)."
    if np.isclose(as_number(test_acc, what + ": test_acc"), 0.84):
        hint = "You reported the best test accuracy of all records: report the chosen record's test accuracy."
    elif np.isclose(test_acc, 0.80):
        hint = "That is the validation accuracy: report the chosen record's 'test_acc'."
    check_close(as_number(test_acc, what + ": test_acc"), 0.78, what + ": test_acc", hint)
    passed("reports the chosen record's test accuracy")

    if clear:
        fail(what + ": clear", "expected False: the record with lam = 0.0 (0.74) is within noise of the winner.",
             "The winner and lam = 0.0 disagree on 20 examples, 13 won and 7 lost: a mean difference of 0.06 with "
             "a standard error of about 0.044, less than two of them. Compare the winner with every other record, "
             "not only with the runner-up (0.75, which it beats on 5 examples and never loses, clearly), and "
             "use two standard errors of the per-example differences (+1, 0, -1), not one.")
    passed("clear is False when any record is within two standard errors of the winner")

    winner = np.arange(200) < 170
    pair = [_record({"width": 16}, 0.9, winner, 0.83), _record({"width": 64}, 0.99, _versus(winner, 11, 1), 0.86)]
    what = "choose_hyperparameters(2 records, validation accuracies 0.85 and 0.80 on 200 examples)"
    _, _, clear = _choose(fn, pair, what)
    if not clear:
        fail(what + ": clear", "expected True: the two disagree on 12 examples and the winner is right on 11.",
             "Per example the winner scores +1 (11 times), -1 (once) or 0 against the other record: the mean is "
             "0.05, the standard deviation of these 200 numbers about 0.24, the standard error about 0.017, so "
             "the lead is about 3 standard errors. The standard errors of the two accuracies on their own (0.025 "
             "and 0.028) are much larger: most examples are right or wrong for both and carry no information "
             "about which is better.")
    passed("a lead of about 3 standard errors of the per-example differences is clear")

    tied = [_record({"width": 8}, 0.9, winner, 0.80), _record({"width": 16}, 0.95, winner.copy(), 0.86),
            _record({"width": 32}, 0.99, _versus(winner, 30, 0), 0.88)]
    what = "choose_hyperparameters with the same validation results for width 8 and 16"
    config, _, clear = _choose(fn, tied, what)
    if config != {"width": 8}:
        fail(what, f"expected {{'width': 8}}, got {config}.",
             "On a tie keep the first record: replace the best only when the accuracy is strictly larger (> not "
             ">=); np.argmax also returns the first maximum.")
    if clear:
        fail(what + ": clear", "expected False: width 16 has the same validation results as the winner.",
             "With identical results every per-example difference is 0: the mean 0 is not more than two standard "
             "errors (0) above zero. Use >, not >=.")
    passed("a tie goes to the first record, and a tie is not clear")

    what = "choose_hyperparameters with a single record"
    config, test_acc, clear = _choose(fn, [_record({"lam": 0.01}, 0.9, winner, 0.75)], what)
    if config != {"lam": 0.01} or not clear:
        fail(what, f"expected ({{'lam': 0.01}}, 0.75, True), got ({config}, {test_acc!r}, {clear!r}).",
             "With a single record there is nothing to compare: it is chosen and clear is True.")
    passed("a single record is chosen, and clearly")
    finish()
