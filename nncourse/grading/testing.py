"""What hidden test suites are written with.

A hidden suite is a plain pytest file in ``autograder/<lesson>/``.  The grading
engine gives every test two fixtures:

``student``
    a :class:`nncourse.grading.remote.Submission`: the student's notebook,
    running in a sandboxed process of its own.  ``student.function("relu")``
    returns a callable, ``student.new("Linear", W, b)`` an instance whose
    methods are called with ``.call("forward", x)`` and whose attributes are
    read with ``.get("dW")``.  Only plain data crosses: numbers, strings,
    ``None``, numeric arrays, and lists, tuples and dicts of those.
``rng``
    a :class:`numpy.random.Generator` seeded from the course secret, the
    student id and the test's name, so that every student sees other numbers
    and a re-grade sees the same ones.

A test earns its weight (``@weight(2)``; 1 when unmarked) when it passes.
A test fails by raising :class:`Failed` — use :func:`expect_close`,
:func:`expect_shape` or :func:`expect`, whose messages say what was checked,
what was expected, what came, and give a hint.  Any other exception is shown to
the student only as its type and message, never as a traceback.

Side effects are checked on every call by default (:func:`check_effects`,
called by the submission): a call that changes the caller's arrays in place,
or returns an array sharing memory with an argument, fails the test.  An
exercise whose statement asks for in-place updates says so with
``student.function(name, allow_inplace=("params",))`` or
``student.new(cls, ..., allow_inplace={"step": ("params",)})``.
:func:`expect_no_warnings`, :func:`expect_dtype` and :func:`expect_own_state`
check what the latest call reported.  :func:`diagnose` picks a hint only when
the student's value is what a known mistake produces on the same input.

Boundary inputs that random draws would hit only by chance come from the
generators :func:`with_kinks`, :func:`wide_range`, :func:`with_ties`,
:func:`labels_missing_class` and :func:`with_repeats`; suites use them on
every run, for every student.
"""

from __future__ import annotations

import os
import tomllib

import numpy as np
import pytest

from nncourse._compare import (
    STABLE_HINT,
    array_problem,
    diagnose,
    difference_problem,
    nonfinite_problem,
    shape_problem,
    with_hint,
)

from .remote import StudentError

__all__ = ["Failed", "weight", "make_test", "expect", "expect_close", "expect_shape", "expect_finite", "fail",
           "diagnose", "check_effects", "expect_no_warnings", "expect_dtype", "expect_own_state",
           "with_kinks", "wide_range", "with_ties", "labels_missing_class", "with_repeats"]


class Failed(Exception):
    """A check of a hidden test did not hold.  ``str(exc)`` is the feedback."""


def weight(w: float):
    """Mark a test as worth ``w`` units of its cell's points (default 1)."""
    if not isinstance(w, (int, float)) or w <= 0:
        raise ValueError(f"weight: expected a positive number, got {w!r}")
    return pytest.mark.weight(float(w))



def make_test(check, doc: str, w: float = 1):
    """A pytest test ``(student, rng)`` running ``check(student, rng)``, worth ``w``; ``doc``: its line in the feedback.

    For tests that differ only in their data, one line each::

        test_single_layer = make_test(lambda student, rng: collapse(student, widths(rng, 1, 1)),
                                      "a single layer collapses to itself")
    """
    def test(student, rng):
        check(student, rng)
    test.__doc__ = doc
    return weight(w)(test)

def fail(message: str, hint: str | None = None):
    """Fail the current test with ``message`` (and ``hint``) as the student's feedback."""
    raise Failed(_with_hint(message, hint))


def _with_hint(text: str, hint: str | None) -> str:
    return with_hint(text, hint)


def expect(condition: bool, message: str, hint: str | None = None) -> None:
    """Fail with ``message`` unless ``condition`` is true."""
    if not bool(condition):
        raise Failed(_with_hint(message, hint))


def _as_array(got, what: str, hint: str | None) -> np.ndarray:
    arr, problem = array_problem(got)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr


def expect_shape(got, shape: tuple, what: str, hint: str | None = None) -> np.ndarray:
    """Check that ``got`` is an array of ``shape`` and return it as float array."""
    arr = _as_array(got, what, hint)
    problem = shape_problem(arr, shape)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr


def expect_finite(got, what: str, hint: str | None = None) -> np.ndarray:
    arr = _as_array(got, what, hint)
    problem = nonfinite_problem(arr)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint or STABLE_HINT))
    return arr


def expect_close(got, expected, what: str, hint: str | None = None, *, rtol: float = 1e-6,
                 atol: float = 1e-8) -> np.ndarray:
    """Check that ``got`` matches ``expected`` in shape and value.

    ``what`` names the check in the student's terms, e.g. ``"Linear.backward:
    dW for a random batch of 5"``.  The message shows the first entry that
    differs, the expected and the received value, and ``hint``.
    """
    expected = np.asarray(expected, dtype=float)
    arr = expect_shape(got, expected.shape, what, hint)
    if np.all(np.isfinite(expected)):
        expect_finite(arr, what, hint)
    problem = difference_problem(arr, expected, rtol, atol)
    if problem:
        raise Failed(with_hint(f"{what}: {problem}", hint))
    return arr



def expect_returns(out, names: tuple, what: str, hint: str | None = None, numbers: dict | None = None) -> tuple:
    """``out`` as the ``len(names)`` values a function returns, e.g. ``names=("loss", "grad")``.

    Fails unless ``out`` is a tuple or list of that many values: "expected a pair
    (loss, grad), got float", with the hint ``hint`` or "End the function with
    `return loss, grad`".  ``numbers`` maps the names of the values that are single
    numbers to the hint they get when they are not (see :func:`expect_number`);
    those come back as floats.
    """
    listed = ", ".join(names)
    kind = {2: "a pair", 3: "a triple"}.get(len(names), f"{len(names)} values")
    size = f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""
    expect(isinstance(out, (tuple, list)) and len(out) == len(names),
           f"{what}: expected {kind} ({listed}), got {type(out).__name__}{size}.",
           hint or f"End the function with `return {listed}`.")
    numbers = numbers or {}
    return tuple(expect_number(value, f"{what}: {name}", numbers[name]) if name in numbers else value
                 for name, value in zip(names, out))



def expect_number(got, what: str, hint: str | None = None) -> float:
    """``got`` as a float: a number, or an array that holds exactly one (shape ``()``, ``(1,)``, ...).

    ``what`` names the value, e.g. ``"perceptron_train(X, t): b"``.
    """
    try:
        if got is None or isinstance(got, (str, bytes)):
            raise TypeError("not a number")
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} is a {type(got).__name__}, expected a single number.", hint)
    expect(arr.size == 1, f"{what} has shape {arr.shape}, expected a single number.", hint)
    return float(arr.reshape(()))



def run_graph(student, program, inputs, grad=None, mode: str = "given", passes: int = 1) -> dict:
    """The notebook's given driver ``run_graph(program, inputs, grad, mode, passes)`` of lesson 09.

    Fails unless it returns the dict it builds: ``"order"`` (a list) for
    ``mode="order"``, else ``"grads"`` with one entry per input and per node.
    """
    res = student.function("run_graph")(program, inputs, grad, mode, passes)
    ok = isinstance(res, dict) and (isinstance(res.get("order"), list) if mode == "order" else
                                    isinstance(res.get("grads"), list)
                                    and len(res["grads"]) == len(inputs) + len(program))
    driven = "operations" if mode == "given" else "engine"
    expect(ok, "run_graph returned something other than the dict it builds.",
           f"Leave the given cell with run_graph as it was; grading drives your {driven} through it.")
    return res


def mdn_outputs(rng, n: int | None = None, k: int | None = None) -> tuple:
    """Raw outputs of a mixture density network and targets, for lesson 10: ``(raw (N, 3K), t (N, 1), K)``.

    raw = [mixing logits | means | log scales near -0.5]; N from 3 to 8 and K from
    2 to 4 unless given, N != K (N grows by one when they are equal).
    """
    n, k = distinct_sizes(rng, (3, 9), (2, 5), n, k, bump="n")
    raw = np.concatenate([rng.normal(size=(n, k)), rng.normal(size=(n, k)),
                          rng.normal(-0.5, 0.4, size=(n, k))], axis=1)
    return raw, rng.normal(size=(n, 1)), k


def mdn_far_targets(rng, below_too: bool = False) -> tuple:
    """:func:`mdn_outputs` whose densities underflow: narrow components (sigma from 0.01 to 0.05), the first
    target 20 to 40 above every mean of its example (with ``below_too`` the last one as far below every mean)."""
    raw, t, k = mdn_outputs(rng)
    raw[:, 2 * k:] = np.log(rng.uniform(0.01, 0.05, size=(len(raw), k)))
    t[0, 0] = raw[0, k:2 * k].max() + float(rng.uniform(20.0, 40.0))
    if below_too:
        t[-1, 0] = raw[-1, k:2 * k].min() - float(rng.uniform(20.0, 40.0))
    return raw, t, k

# -- references in plain NumPy ------------------------------------------------

def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise, without overflow for any |z| (the suites' reference)."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

# -- functions over the last axis (softmax, log-softmax) ----------------------

def distinct_sizes(rng, n_range: tuple, k_range: tuple, n: int | None = None, k: int | None = None,
                   bump: str = "k") -> tuple[int, int]:
    """Two sizes (N, K) with N != K, so that a transposed product or a reduction over the wrong axis shows.

    Each is drawn as ``int(rng.integers(*range))`` (N first) unless given; when
    they come out equal, the one named by ``bump`` (``"k"`` or ``"n"``) grows by one.
    """
    n = int(rng.integers(*n_range)) if n is None else n
    k = int(rng.integers(*k_range)) if k is None else k
    if n == k:
        n, k = (n + 1, k) if bump == "n" else (n, k + 1)
    return n, k


def draw_logits(rng, n: int | None = None, scale: float = 2.0) -> np.ndarray:
    """Logits (N, K), normal with standard deviation ``scale``, N from 2 to 8 (or ``n``), K from 2 to 7 and != N.

    N != K, so that a reduction over the wrong axis gives another answer.
    """
    n, k = distinct_sizes(rng, (2, 9), (2, 7), n)
    return rng.normal(0.0, scale, size=(n, k))


def call_last_axis(student, name: str, z, what: str, keepdims_hint: str):
    """The student's ``name(z)``, for a function that reduces over the last axis of ``z`` (..., K).

    A broadcast error fails with ``keepdims_hint``; an axis out of bounds with
    the hint to reduce over ``axis=-1``; any other error goes on to the engine.
    """
    try:
        return student.function(name)(z)
    except StudentError as exc:
        if "broadcast" in exc.message:
            fail(f"{what}: {exc}\n  Hint: {keepdims_hint}")
        if "out of bounds" in exc.message or "axis" in exc.message:
            fail(f"{what}: {exc}\n  Hint: Reduce over the last axis, axis=-1: for a vector of shape (K,) "
                 "axis=1 does not exist, and for (B, N, K) it is the wrong axis.")
        raise


class LastAxisFunction:
    """A function of logits ``z`` (..., K) computed over the last axis (softmax, log-softmax), as its suite checks it.

    ``reference(z)`` is the right answer; ``known_mistake(arr, z)`` the hint of
    the known mistake whose result ``arr`` is on this ``z``, else None;
    ``keepdims_hint`` the hint for a reduction that lost its axis; ``atol`` the
    absolute tolerance of the comparison.
    """

    def __init__(self, name: str, reference, known_mistake, keepdims_hint: str, atol: float = 1e-8):
        self.name, self.reference, self.known_mistake = name, reference, known_mistake
        self.keepdims_hint, self.atol = keepdims_hint, atol

    def call(self, student, z, what: str):
        """The student's result for ``z`` (see :func:`call_last_axis`)."""
        return call_last_axis(student, self.name, z, what, self.keepdims_hint)

    def check(self, student, z, where: str, hint: str) -> np.ndarray:
        """The student's result for ``z`` has z's shape and the reference's values; ``where`` describes ``z``.

        The hint is the known mistake's when the result is exactly that mistake's, else ``hint``.
        """
        what = f"{self.name}(z) for {where}"
        arr = expect_shape(self.call(student, z, what), z.shape, what, self.keepdims_hint)
        return expect_close(arr, self.reference(z), what, self.known_mistake(arr, z) or hint, atol=self.atol)

    # -- tests the suites share: each returns a pytest test (student, rng) with its weight and feedback line

    def _test(self, case, doc: str, w: float):
        return make_test(lambda student, rng: self.check(student, *case(rng)), doc, w)

    def values_test(self, rule: str, w: float = 2):
        """A test: a random batch of logits (N, K), N != K (:func:`draw_logits`); ``rule`` is the neutral hint."""
        def case(rng):
            z = draw_logits(rng)
            return z, f"logits of shape {z.shape}", rule
        return self._test(case, f"{self.name} of a random batch of logits (N, K)", w)

    VECTOR_HINT = "Work over the last axis, axis=-1, so that a vector (K,) works too."

    def vector_test(self, w: float = 1):
        """A test: a single vector of shape (K,)."""
        def case(rng):
            z = rng.normal(0.0, 2.0, size=int(rng.integers(3, 8)))
            return z, f"a single vector of shape {z.shape}", self.VECTOR_HINT
        return self._test(case, "a single vector of shape (K,)", w)

    def batch_of_one_test(self, w: float = 1):
        """A test: a batch of one example, shape (1, K)."""
        def case(rng):
            z = draw_logits(rng, n=1)
            return z, f"a batch of one, shape {z.shape}", "Reduce with keepdims=True and keep the shape (1, K)."
        return self._test(case, "a batch of one example keeps the shape (1, K)", w)


# -- side effects ----------------------------------------------------------

INPUTS_UNCHANGED = ("The caller still needs its arrays after the call: build new arrays "
                    "(`W = W - lr * dW`, not `W -= lr * dW`; `x = x * 2`, not `x *= 2`), "
                    "or work on a copy (`x = x.copy()`).")
NO_ALIAS = ("Return a new array (e.g. `np.maximum(z, 0.0)`, or `z.copy()` before changing it): "
            "a result that shares memory with an input changes when the caller changes the input, and back.")


def _origin_key(origin: str) -> str:
    return "__init__" if origin.endswith("(...)") else origin


def _allowed(entry: dict, allow) -> bool:
    if isinstance(allow, dict):
        allow = tuple(allow.get(_origin_key(str(entry.get("origin", ""))), ()))
    keys = {entry.get("position"), entry.get("param"), str(entry.get("name", "")).split("[")[0]}
    return any(a in keys for a in tuple(allow))


def _changed_text(entry: dict) -> str:
    if entry.get("entries"):
        return str(entry["entries"])
    n, size = entry.get("changed"), entry.get("size")
    text = f"{n} of {size} entries differ after the call" if isinstance(n, int) and isinstance(size, int) \
        else "it differs after the call"
    index, before, after = entry.get("index"), entry.get("before"), entry.get("after")
    if isinstance(index, list) and before is not None:
        text += f" (first at index {tuple(index)}: was {before:.6g}, now {after:.6g})" \
            if isinstance(before, (int, float)) and isinstance(after, (int, float)) \
            else f" (first at index {tuple(index)}: was {before}, now {after})"
    elif isinstance(before, str):
        text = f"its {before} became {after}"
    return text


def check_effects(what: str, effects, allow_inplace=(), allow_alias=()) -> None:
    """Fail when the call ``what`` changed the caller's arrays or returned an alias of one.

    Called by the submission after every call (see the module doc);
    ``effects`` is a :class:`~nncourse.grading.remote.Effects`.
    ``allow_inplace`` names or numbers the arguments the statement lets the
    call update in place (a tuple), or maps a method name (``"__init__"`` for
    the constructor) to such a tuple; ``allow_alias`` names the arguments the
    result may be a view of (never a licence to change them).
    """
    if effects is None:
        return
    for entry in effects.mutated:
        if _allowed(entry, allow_inplace):
            continue
        name, origin = entry.get("name", "an argument"), str(entry.get("origin", ""))
        whose = f"the caller's `{name}`"
        label = what.strip("`").removesuffix("(...)")
        if origin and origin != label.split(".")[-1] and origin != label:
            whose = f"the `{name}` the caller gave to `{origin}`"
        fail(f"{what} changed {whose} in place: {_changed_text(entry)}.", INPUTS_UNCHANGED)
    for entry in effects.result_aliases:
        if _allowed(entry, allow_inplace) or _allowed(entry, allow_alias):
            continue
        part = f"part {entry['result']} of its result" if entry.get("result") else "its result"
        fail(f"{what} returned an array that shares memory with the caller's `{entry.get('name')}` "
             f"({part} is that array, or a view of it).", NO_ALIAS)


def _effects(source):
    effects = getattr(source, "last_effects", source)
    if effects is None:
        raise RuntimeError("no call of the student's code has been made yet")
    return effects


def expect_no_warnings(source, what: str, hint: str | None = None) -> None:
    """Fail when the latest call (of ``source``, the ``student`` fixture) raised a warning.

    NumPy's overflow, division by zero and invalid-value warnings count;
    underflow to 0 does not.
    """
    warned = _effects(source).warnings
    if warned:
        first = warned[0]
        more = f" (and {len(warned) - 1} other warning(s))" if len(warned) > 1 else ""
        fail(f"{what} raised a warning: {first.get('category')}: {first.get('message')}{more}.",
             hint or "The statement asks for no warnings: a stable formula never overflows or divides by 0.")


_KINDS = {"float": ("f",), "int": ("i", "u"), "bool": ("b",), "number": ("f", "i", "u")}
_KIND_WORDS = {"float": "floating-point numbers", "int": "integers", "bool": "booleans",
               "number": "numbers"}


def expect_dtype(got, kind: str, what: str, hint: str | None = None) -> None:
    """Check that ``got`` (a number or an array) holds ``kind``: "float", "int", "bool" or "number"."""
    if kind not in _KINDS:
        raise ValueError(f"expect_dtype: kind must be one of {sorted(_KINDS)}, got {kind!r}")
    if isinstance(got, (bool, np.bool_)):
        actual, name = "b", "a bool"
    elif isinstance(got, (int, float, np.number)):
        actual = np.asarray(got).dtype.kind
        name = f"a Python {type(got).__name__}" if isinstance(got, (int, float)) else f"a {type(got).__name__}"
    elif isinstance(got, np.ndarray):
        actual, name = got.dtype.kind, f"an array of dtype {got.dtype}"
    else:
        fail(f"{what}: expected {_KIND_WORDS[kind]}, got a {type(got).__name__}.", hint)
    if actual not in _KINDS[kind]:
        fail(f"{what}: expected {_KIND_WORDS[kind]}, got {name}.",
             hint or ("Integer inputs give integer results under integer arithmetic: convert with "
                      "np.asarray(x, dtype=float) or use float constants." if kind == "float" else None))


def expect_own_state(source, what: str, hint: str | None = None) -> None:
    """Fail when the object of the latest call keeps one of that call's argument arrays itself (not a copy)."""
    shared = _effects(source).state_aliases
    if shared:
        e = shared[0]
        fail(f"{what} keeps the caller's `{e.get('name')}` itself in `{e.get('state')}` (they share memory): "
             "when the caller later changes its array, the stored value changes too.",
             hint or "Store a copy: `np.array(x, copy=True)` or `x.copy()` for each array.")


# -- boundary inputs ---------------------------------------------------------

def with_kinks(rng, shape, kinks=(0.0,), scale: float = 2.0, share: float = 0.25) -> np.ndarray:
    """Normal draws of ``shape`` with about ``share`` of the entries set exactly to a kink value.

    Every value of ``kinks`` occurs at least once (the array needs
    ``len(kinks)`` entries), so a mistake at a kink (``>=`` for ``>``, the
    derivative of ReLU at 0) shows on every draw.
    """
    x = rng.normal(0.0, scale, size=shape)
    flat = x.reshape(-1)
    if flat.size < len(kinks):
        raise ValueError(f"with_kinks: {shape} has fewer than {len(kinks)} entries")
    k = max(len(kinks), int(round(share * flat.size)))
    at = rng.choice(flat.size, size=k, replace=False)
    values = np.resize(np.asarray(kinks, dtype=float), k)
    flat[at] = rng.permutation(values) if k > len(kinks) else values
    return x


WIDE_MAGNITUDES = (0.0, 1e-12, 0.5, 1.0, 20.0, 40.0, 80.0, 700.0, 710.0, 745.0, 800.0, 1e3, 1e4)


def wide_range(rng, shape, limit: float = 1e4) -> np.ndarray:
    """Values of ``shape`` covering both sides of ``exp`` overflow (|z| ~ 709) up to ``limit``, both signs.

    Contains every magnitude of :data:`WIDE_MAGNITUDES` up to ``limit`` with
    both signs (as far as the array's size allows, largest first), the rest
    log-uniform in [1e-3, limit]; order shuffled.
    """
    size = int(np.prod(shape))
    fixed = [m for m in WIDE_MAGNITUDES if m <= limit][::-1]
    picks = []
    for m in fixed:
        picks += [m, -m] if m else [0.0]
    picks = picks[:size]
    rest = size - len(picks)
    mags = np.exp(rng.uniform(np.log(1e-3), np.log(limit), size=rest))
    values = np.concatenate([np.asarray(picks, dtype=float), rng.choice([-1.0, 1.0], size=rest) * mags])
    return rng.permutation(values).reshape(shape)


def with_ties(rng, n: int, best: str = "min", scale: float = 1.0) -> np.ndarray:
    """A sequence of ``n`` >= 3 numbers whose best value (min or max) occurs at least twice, not adjacent."""
    if n < 3:
        raise ValueError("with_ties: need n >= 3")
    x = rng.normal(0.0, scale, size=n)
    i = int(rng.integers(0, n - 2))
    j = int(rng.integers(i + 2, n))
    value = x.min() - abs(scale) if best == "min" else x.max() + abs(scale)
    x[i] = x[j] = value
    return x


def labels_missing_class(rng, n: int, k: int, missing: int | None = None) -> np.ndarray:
    """``n`` integer labels in ``0..k-1`` without class ``missing`` (default the largest, ``k - 1``).

    Every other class occurs when ``n >= k - 1``; so ``t.max() + 1`` is not the
    number of classes.
    """
    missing = k - 1 if missing is None else missing
    others = np.array([c for c in range(k) if c != missing])
    if n >= len(others):
        t = np.concatenate([others, rng.choice(others, size=n - len(others))])
        return rng.permutation(t).astype(np.int64)
    return rng.choice(others, size=n).astype(np.int64)


def with_repeats(rng, n: int, distinct: int | None = None, scale: float = 1.0) -> np.ndarray:
    """``n`` numbers drawn from only ``distinct`` values (default about n/3), so values repeat."""
    distinct = max(1, n // 3) if distinct is None else distinct
    pool = rng.normal(0.0, scale, size=distinct)
    return pool[rng.integers(0, distinct, size=n)]


# -- sequences of steps: an optimizer's iterates ----------------------------
# The boundary these draw: a state carried from one call to the next (a step
# that forgets, lags or shares its state shows only over several calls).

from nncourse._compare import differences, float_array, matches  # noqa: E402 - kept with the block that uses them


def param_shape(rng) -> tuple:
    """A random parameter shape: ``(1,)`` (one number), a vector ``(2..6,)`` or a matrix ``(1..4, 2..4)``."""
    r = rng.random()
    if r < 0.2:
        return (1,)
    if r < 0.6:
        return (int(rng.integers(2, 7)),)
    return (int(rng.integers(1, 5)), int(rng.integers(2, 5)))


def take_steps(obj, theta0, grads, what: str, attrs=()) -> tuple[list, list]:
    """Call ``obj.call("step", theta, g)`` for each ``g`` of ``grads``, feeding each call the previous result.

    ``obj`` is a student's object (``student.new(...)``), ``theta0`` an array
    and ``grads`` a sequence of T arrays of its shape.  Returns ``(thetas,
    states)``: the T returned arrays, each checked to have ``theta0``'s shape,
    and after each step a dict of the attributes ``attrs`` (read with
    ``obj.get``).  ``what`` names the method in feedback, e.g. ``"Adam.step"``.
    """
    theta, thetas, states = theta0, [], []
    shape = np.shape(theta0)
    for k, g in enumerate(grads):
        theta = expect_shape(obj.call("step", theta, g), shape, f"{what}, step {k + 1}: returned theta",
                             "step returns the new parameters, an array of theta's shape.")
        thetas.append(theta)
        states.append({a: obj.get(a) for a in attrs})
    return thetas, states


def expect_steps(got, expected, what: str, variants=(), neutral: str | None = None, *,
                 rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Check a sequence of T arrays (iterates, or states after each step) against ``expected``.

    The first entry that differs fails with ``"{what}, step k of T"``.  Its hint
    names a mistake only when the *whole* sequence equals that variant's (see
    :func:`diagnose`) and no variant with another hint matches too: on an input
    where two mistakes give the same steps (both nan from the first step, say)
    neither is confirmed, and the hint is ``neutral``.
    """
    neutral = neutral or "Compare each step with the update rule of the statement."
    for k, (g, e) in enumerate(zip(got, expected)):
        arr = float_array(g)
        if arr is None or arr.shape != np.shape(e) or differences(arr, np.asarray(e, dtype=float), rtol, atol).any():
            pairs = variants.items() if isinstance(variants, dict) else variants
            named = {h for h, v in pairs
                     if diagnose(list(got), list(expected), [(h, v)], None, rtol=rtol, atol=atol) == h}
            hint = next(iter(named)) if len(named) == 1 else neutral
            if len(named) != 1 and arr is not None and not np.all(np.isfinite(arr)):
                hint += (" (Your steps become nan or inf: look for a division 0 / 0 or by 0, e.g. a denominator "
                         "without its eps, or a bias correction 1 - beta**t at t = 0.)")
            expect_close(g, e, f"{what}, step {k + 1} of {len(expected)}", hint, rtol=rtol, atol=atol)


def random_run(rng, steps: int, shape: tuple | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(theta0, grads)``: a normal ``theta0`` of ``shape`` (default :func:`param_shape`) and ``steps`` gradients."""
    shape = param_shape(rng) if shape is None else tuple(shape)
    return rng.normal(size=shape), rng.normal(size=(steps,) + shape)


def expect_replay(student, cls: str, args, theta0, grads) -> None:
    """Check ``cls(*args).replay(theta0, grads)``: row 0 is ``theta0``, row k the k-th of the same steps one by one.

    ``replay`` (the lesson's ``Optimizer`` base class) feeds each step the
    previous iterate: a step that updates the theta it was given in place
    makes replay record one array many times.
    """
    own, _ = take_steps(student.new(cls, *args), theta0, grads, f"{cls}.step")
    T = len(grads)
    got = expect_shape(student.new(cls, *args).call("replay", theta0, grads), (T + 1,) + np.shape(theta0),
                       f"{cls}.replay(theta0, grads) for {T} gradients",
                       f"replay is given in the Optimizer base class: keep `class {cls}(Optimizer)`.")
    inplace = ("Return a new array, e.g. `return theta - step`. An in-place update such as `theta -= ...` "
               "changes the caller's array too, so every iterate recorded by replay or descend is the same array.")
    expect_close(got[0], theta0, f"{cls}.replay(theta0, grads): row 0 of the path (theta0 itself)", inplace)
    rows = [got[k + 1] for k in range(T)]
    hint = diagnose(rows, list(own), [(inplace, [got[T]] * T)],
                    f"replay (the Optimizer base class) calls step once per gradient on a fresh {cls}: its rows "
                    "must equal the same steps taken one call at a time by another fresh instance.")
    for k in range(T):
        expect_close(rows[k], own[k], f"{cls}.replay(theta0, grads): row {k + 1} of the path, compared with "
                     "the same steps taken one call at a time", hint)


def expect_own_instances(student, cls: str, runs, reference, hint: str | None = None, variants=None,
                         neutral: str | None = None) -> None:
    """Several instances of ``cls`` stepped in turn each follow their own path (no state shared between them).

    ``runs`` is a list of ``(args, theta0, grads)`` (``student.new(cls,
    *args)`` builds each), ``reference(args, theta0, grads)`` the expected
    iterates of one run alone.  Step k of every instance is taken before step
    k + 1 of any, so state kept in a class attribute, a global or a mutable
    default argument mixes the runs; each run is then repeated alone on a
    fresh instance, and a difference between the two is the confirmed mistake.
    ``variants(args, theta0, grads)`` and ``neutral`` give the hints of a run
    that is wrong alone too (as in :func:`expect_steps`).
    """
    objs = [student.new(cls, *args) for args, _, _ in runs]
    current = [theta0 for _, theta0, _ in runs]
    got: list[list] = [[] for _ in runs]
    for k in range(max(len(grads) for _, _, grads in runs)):
        for i, (obj, (_, theta0, grads)) in enumerate(zip(objs, runs)):
            if k < len(grads):
                current[i] = expect_shape(obj.call("step", current[i], grads[k]), np.shape(theta0),
                                          f"{cls}.step: instance {i + 1}, step {k + 1}: returned theta",
                                          "step returns the new parameters, an array of theta's shape.")
                got[i].append(current[i])
    hint = hint or ("Each instance keeps its own state in attributes of self, created in __init__ or at its first "
                    "step: not in a class attribute, a global variable or a mutable default argument.")
    for i, (args, theta0, grads) in enumerate(runs):
        alone, _ = take_steps(student.new(cls, *args), theta0, grads, f"{cls}.step: instance {i + 1} alone")
        label = f"{cls}.step: instance {i + 1} of {len(runs)}, stepped in turn with the other(s), against the same " \
                "steps alone"
        for k, (g, a) in enumerate(zip(got[i], alone)):
            expect_close(g, a, f"{label}, step {k + 1}", hint)
        expect_steps(got[i], reference(args, theta0, grads), f"{cls}.step: instance {i + 1} of {len(runs)}",
                     variants(args, theta0, grads) if variants else (), neutral)


def expect_default_steps(student, cls: str, given: tuple, defaults: dict, theta0, grads, expected, what: str,
                         variants=(), neutral: str | None = None) -> None:
    """``cls(*given)`` takes the steps ``expected`` of the signature's ``defaults`` (a dict name -> value).

    The hint names a changed default only when it is confirmed: the same
    steps of ``cls(*given, **defaults)``, built with the defaults spelled
    out, are right.  Otherwise the hint comes from ``variants``/``neutral``
    as in :func:`expect_steps`.
    """
    got, _ = take_steps(student.new(cls, *given), theta0, grads, f"{cls}.step")
    spelled = ", ".join(f"{k}={v:g}" for k, v in defaults.items())
    explicit, _ = take_steps(student.new(cls, *given, **defaults), theta0, grads, f"{cls}.step")
    if matches(explicit, list(expected)):
        variants, neutral = (), (f"With {spelled} given explicitly your steps are right, but not with the defaults: "
                                 f"keep the signature's defaults ({spelled}).")
    expect_steps(got, expected, what, variants, neutral)


def root_scaled_path(theta0, grads, lr: float, eps: float, accumulate, variant: str, old: str) -> list:
    """The steps of a rule that divides by the root of an accumulator (Adagrad's G, RMSprop's s).

    ``acc = accumulate(acc, g)`` (zeros before the first step), then
    ``theta - lr g / (sqrt(acc) + eps)``; returns ``(theta, acc)`` per step.
    ``variant`` may name a known wrong denominator: ``old`` (the rule's name for
    dividing by the accumulator before this step's gradient), ``"no_sqrt"``,
    ``"eps_inside"``, ``"no_eps"`` or ``"eps_in_step"`` (eps added to the step).
    """
    theta, acc = theta0.copy(), np.zeros_like(theta0, dtype=float)
    out = []
    for g in grads:
        before, acc = acc, accumulate(acc, g)
        denom = {old: np.sqrt(before) + eps, "no_sqrt": acc + eps, "eps_inside": np.sqrt(acc + eps),
                 "no_eps": np.sqrt(acc), "eps_in_step": np.sqrt(acc)}.get(variant, np.sqrt(acc) + eps)
        theta = theta - lr * g / denom + (eps if variant == "eps_in_step" else 0.0)
        out.append((theta, acc))
    return out

class StepRule:
    """An optimizer's update rule, its known wrong variants, and the comparisons a suite makes with it.

    ``path(theta0, grads, hyper, variant)`` returns one tuple per step,
    ``(theta, state, ...)``, for ``variant="right"`` or any key of ``hints``
    (hint texts naming that mistake); ``names`` are the constructor's
    argument names, in the order of ``hyper``; ``rule`` is the neutral hint.
    """

    def __init__(self, cls: str, names: tuple, path, hints: dict, rule: str):
        self.cls, self.names, self.path, self.hints, self.rule = cls, tuple(names), path, dict(hints), rule

    def label(self, hyper) -> str:
        return f"{self.cls}(" + ", ".join(f"{n}={v:.4g}" for n, v in zip(self.names, hyper)) + ")"

    def expected(self, theta0, grads, hyper, part: int = 0, variant: str = "right") -> list:
        """Entry ``part`` (0: theta, 1...: states) of every step of ``variant``."""
        with np.errstate(all="ignore"):
            return [step[part] for step in self.path(theta0, grads, hyper, variant)]

    def variants(self, theta0, grads, hyper, part: int = 0) -> list:
        """``(hint, thunk)`` pairs for :func:`diagnose`: each mistake's sequence, computed only when needed."""
        return [(h, lambda v=v: self.expected(theta0, grads, hyper, part, v)) for v, h in self.hints.items()]

    def compare(self, student, hyper, theta0, grads, what: str) -> None:
        """``cls(*hyper)`` stepped from ``theta0`` through ``grads`` takes the rule's steps."""
        got, _ = take_steps(student.new(self.cls, *hyper), theta0, grads, f"{self.cls}.step")
        expect_steps(got, self.expected(theta0, grads, hyper), f"{self.label(hyper)}.step {what}",
                     self.variants(theta0, grads, hyper), self.rule)

    def compare_state(self, student, hyper, theta0, grads, attrs: dict, neutral: str) -> None:
        """The attributes ``attrs`` (name -> part of the path) after every step, with hints from the variants."""
        _, states = take_steps(student.new(self.cls, *hyper), theta0, grads, f"{self.cls}.step", tuple(attrs))
        for name, part in attrs.items():
            expect_steps([s[name] for s in states], self.expected(theta0, grads, hyper, part),
                         f"{self.label(hyper)}: self.{name} after the step", self.variants(theta0, grads, hyper, part),
                         neutral)

    def compare_defaults(self, student, given: tuple, defaults: tuple, theta0, grads, what: str) -> None:
        """``cls(*given)`` takes the steps of the signature's ``defaults`` (the remaining hyperparameters)."""
        hyper = tuple(given) + tuple(defaults)
        expect_default_steps(student, self.cls, tuple(given), dict(zip(self.names[len(given):], defaults)), theta0,
                             grads, self.expected(theta0, grads, hyper), f"{self.label(hyper)}.step {what}",
                             self.variants(theta0, grads, hyper), self.rule)

    def several_runs(self, student, hyper_of, rng, runs: int, steps: int) -> None:
        """``runs`` runs of ``steps`` steps, each with ``hyper_of(rng)`` on a new :func:`param_shape`."""
        for _ in range(runs):
            shape = param_shape(rng)
            self.compare(student, hyper_of(rng), *random_run(rng, steps, shape), f"on an array of shape {shape}")

    def extreme_gradients(self, student, hyper, rng) -> None:
        """A first gradient of zeros, then entries of 0, 1e-4 and 1e4: no nan (eps) and steps of the right size."""
        n = int(rng.integers(3, 7))
        theta0, grads = random_run(rng, 4, (n,))
        grads = grads * np.array([0.0, 1e-4, 1e4] + [1.0] * (n - 3))
        grads[0] = 0.0
        self.compare(student, hyper, theta0, grads,
                     "with a first gradient of zeros, then gradients of zero, 1e-4 and 1e4 in the first three entries")

    def tiny_gradients(self, student, given: tuple, defaults: tuple, rng, steps: int, scale: float) -> None:
        """:meth:`compare_defaults` on a vector whose gradients are 0 in entry 0, near ``scale`` in entry 1."""
        n = int(rng.integers(3, 7))
        theta0, grads = random_run(rng, steps, (n,))
        theta0 = theta0 * 1e-3                          # small parameters: a small change of a step shows
        sizes = 10.0 ** rng.uniform(-1.5, 1.5, size=(steps, 1))    # gradients whose size changes from step to step
        grads = grads * sizes * np.array([0.0, scale] + [1.0] * (n - 2))
        self.compare_defaults(student, given, defaults, theta0, grads,
                              f"on {n} parameters near 0 whose gradients are 0, near {scale:g} and near 1 (entries "
                              "0, 1, 2.., times a factor from 0.03 to 30 that changes every step)")

    def large_eps(self, student, hyper, rng) -> None:
        """``hyper`` ends with a large eps (0.2 to 0.6): eps outside the square root shows on every step."""
        theta0, grads = random_run(rng, 3)
        self.compare(student, hyper, theta0, grads * 0.5, f"with a large eps on an array of shape {theta0.shape}")

    def own_instances(self, student, runs) -> None:
        """See :func:`expect_own_instances`; ``runs`` is a list of ``(hyper, theta0, grads)``."""
        expect_own_instances(student, self.cls, runs, lambda hyper, theta0, grads: self.expected(theta0, grads, hyper),
                             variants=lambda hyper, theta0, grads: self.variants(theta0, grads, hyper),
                             neutral=self.rule)

    # -- the tests every optimizer suite of lesson 07 shares: each returns a pytest test ``(student, rng)``
    # -- whose docstring is its line in the feedback; ``hyper_of(rng)`` draws the constructor's arguments

    def several_steps_test(self, hyper_of, steps: int, runs: int = 2, w: float = 3):
        """A test: :meth:`several_runs`, ``runs`` runs of ``steps`` steps on random arrays."""
        words = {6: "six", 8: "eight"}
        return make_test(lambda student, rng: self.several_runs(student, hyper_of, rng, runs, steps),
                          f"{words.get(steps, steps)} steps on random arrays follow the update rule", w)

    def eps_test(self, hyper_of, denominator: str, w: float = 2):
        """A test: :meth:`extreme_gradients`, then :meth:`large_eps` with an eps from 0.2 to 0.6.

        ``hyper_of(rng, eps)`` draws the arguments with the given eps; ``denominator``
        is the rule's, e.g. ``"sqrt(G) + eps"`` (for the feedback).
        """
        def check(student, rng):
            self.extreme_gradients(student, hyper_of(rng), rng)
            self.large_eps(student, hyper_of(rng, float(rng.uniform(0.2, 0.6))), rng)
        return make_test(check, "no nan for zero gradients, steps of the right size for tiny and huge ones; "
                                 f"a large eps: {denominator}", w)

    def own_instances_test(self, hyper_of, state: str, steps: int = 3, w: float = 1):
        """A test: :meth:`own_instances` on two instances of ``steps`` steps; ``state`` names what each keeps."""
        return make_test(
            lambda student, rng: self.own_instances(student, [(hyper_of(rng),) + random_run(rng, steps)
                                                              for _ in range(2)]),
            f"two optimizers stepped in turn keep their own {state}", w)

    def replay_test(self, hyper_of, steps: int = 4, w: float = 1):
        """A test: :func:`expect_replay` of ``steps`` steps (a new array returned, the caller's theta unchanged)."""
        return make_test(lambda student, rng: expect_replay(student, self.cls, hyper_of(rng), *random_run(rng, steps)),
                          "step returns a new array and leaves the caller's theta unchanged (checked through the "
                          "given replay)", w)


__all__ += ["param_shape", "random_run", "root_scaled_path", "take_steps", "expect_steps", "expect_replay",
            "expect_own_instances", "expect_default_steps", "StepRule"]


# -- conceptual questions -----------------------------------------------------

QUESTIONS = "questions.toml"
_QUESTION_KEYS = {"about", "answer", "choices", "rtol", "atol", "integer", "known"}


def _question_table(suite: str, name: str) -> dict:
    """The table ``[name]`` of ``questions.toml`` beside ``suite``, checked once when the suite is loaded."""
    path = os.path.join(os.path.dirname(os.path.abspath(suite)), QUESTIONS)
    try:
        with open(path, "rb") as f:
            tables = tomllib.load(f)
    except FileNotFoundError:
        raise FileNotFoundError(f"{suite} grades the conceptual question `{name}`, but {path} does not exist: "
                                f"add it with a table [{name}] (see nncourse.grading.testing.conceptual_question).")
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path} is not valid TOML ({exc}): fix it so that its questions can be graded.") from exc
    table = tables.get(name)
    if not isinstance(table, dict):
        raise ValueError(f"{path} has no table [{name}] for the suite {os.path.basename(suite)}: add one.")
    unknown = sorted(set(table) - _QUESTION_KEYS)
    missing = sorted({"about", "answer"} - set(table))
    if unknown or missing:
        raise ValueError(f"{path}, [{name}]: " + "; ".join(
            ([f"unknown keys {', '.join(unknown)}"] if unknown else [])
            + ([f"missing keys {', '.join(missing)}"] if missing else []))
            + f" (the keys are {', '.join(sorted(_QUESTION_KEYS))}).")
    if isinstance(table["answer"], str) and table["answer"] not in table.get("choices", ""):
        raise ValueError(f"{path}, [{name}]: the answer {table['answer']!r} is not one of choices = "
                         f"{table.get('choices', '')!r}: a letter answer needs the letters offered in `choices`.")
    return table


def conceptual_question(suite: str):
    """The hidden test of the conceptual question graded by the suite ``test_q_<name>.py``.

    A question's suite is one line, ``test_<name> = conceptual_question(__file__)``;
    the question's data is the table ``[<name>]`` of the lesson's ``questions.toml``
    beside it::

        [sd_ratio]
        about = "the noise of a minibatch gradient against b"   # the test's line in the feedback
        answer = 0.5                                            # a number, or a letter of `choices`
        rtol = 0.001                                            # also `atol`; `integer = true` for a count

        [sd_ratio.known]                                        # the answer a misconception gives -> its hint
        "0.25" = "That is the factor for the variance; the standard deviation is its square root."

    The returned test grades the notebook's variable ``<name>`` with
    :func:`nncourse.grading.answers.expect_answer` (a number) or
    :func:`~nncourse.grading.answers.expect_choice` (a letter), which never show the answer.
    """
    from .answers import expect_answer, expect_choice

    base = os.path.basename(suite)
    if not (base.startswith("test_q_") and base.endswith(".py")):
        raise ValueError(f"conceptual_question({suite!r}): a question's suite is named test_q_<question>.py.")
    name = base[len("test_q_"):-len(".py")]
    table = _question_table(suite, name)
    answer = table["answer"]
    if isinstance(answer, str):
        known = dict(table.get("known", {}))

        def test(student):
            expect_choice(student, name, answer, table["choices"], known=known)
    else:
        known = {float(value): hint for value, hint in table.get("known", {}).items()}
        precision = {k: table[k] for k in ("rtol", "atol", "integer") if k in table}

        def test(student):
            expect_answer(student, name, answer, known=known, **precision)

    test.__name__ = test.__qualname__ = f"test_{name}"
    test.__doc__ = table["about"]
    return test


__all__ += ["conceptual_question", "expect_returns", "expect_number", "sigmoid", "distinct_sizes", "draw_logits",
            "call_last_axis", "LastAxisFunction", "run_graph", "mdn_outputs", "mdn_far_targets"]
