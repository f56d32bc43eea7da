"""Shared argument checks for the public functions of :mod:`nncourse`.

Every check raises a real exception (``TypeError`` for the wrong kind of
object, ``ValueError`` for the right kind with a wrong value or shape) whose
message starts with the function that complained and names the argument, what
came and what was expected, for example::

    Linear.forward: x has shape (3,), expected (batch, 4)

These helpers are private; the public functions call them at their boundary so
that a student's mistake is reported where it was made, not three layers down
as a broadcasting error.  Inside, checked arrays go on without a second check
(``Linear.backward`` runs :func:`~nncourse.layers.linear_backward` with
``_checked=True``), and a float ndarray passes :func:`as_float_array` without a
conversion, in well under a microsecond, so a layer may call a public
activation on what it has checked.

The maths stays in the public functions rather than in private kernels beside
them: grading stubs out the public function that would answer an exercise
(``protect`` in ``autograder/<lesson>/lesson.toml``), and a private copy of the
maths would be a way around that.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_float_array",
    "as_label_array",
    "check_rng",
    "check_positive",
    "check_nonnegative",
    "check_int",
    "check_probability",
    "check_same_shape",
    "check_callable",
    "fmt_shape",
]


def fmt_shape(shape) -> str:
    """Format a shape the way NumPy prints it: ``(3,)``, ``(2, 4)``."""
    return str(tuple(int(s) for s in shape))


def as_float_array(x, name: str, where: str, *, ndim=None, expected=None, dtype=None):
    """Return ``x`` as a floating-point ndarray, or raise naming ``name``.

    Parameters
    ----------
    x : array_like
        The value to check.
    name : str
        The argument's name as the caller sees it (``"x"``, ``"grad_out"``).
    where : str
        The public function doing the check (``"Linear.forward"``).
    ndim : int or tuple of int, optional
        The allowed number(s) of dimensions.
    expected : str, optional
        How to describe the expected shape in the message, e.g. ``"(batch, 4)"``.
    dtype : numpy dtype, optional
        Convert to this dtype.  By default floating arrays keep their dtype
        (float32 stays float32) and anything else becomes float64.
    """
    if type(x) is np.ndarray and x.dtype.kind == "f" and dtype is None:
        arr = x  # the common case inside a network: nothing to convert
    else:
        arr = _to_float_array(x, name, where, dtype)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            if expected is None:
                expected = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{where}: {name} has shape {fmt_shape(arr.shape)}, expected {expected}")
    return arr


def _to_float_array(x, name, where, dtype):
    """The conversions of :func:`as_float_array` for anything but a float ndarray kept as it is."""
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{where}: {name} must be a numeric array, got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{where}: {name} must be a numeric array, got {type(x).__name__}") from exc
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(
            f"{where}: {name} must be a numeric array, got dtype {arr.dtype} "
            f"({type(x).__name__})"
        )
    if np.iscomplexobj(arr):
        raise TypeError(f"{where}: {name} must be real, got complex dtype {arr.dtype}")
    if dtype is not None:
        return arr.astype(dtype, copy=False)
    if not np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float64)
    return arr


def as_label_array(y, name: str, where: str, *, n=None):
    """Return integer class labels of shape ``(N,)``, or raise naming ``name``.

    Floats holding whole numbers (``1.0``) are accepted and converted; ``0.5``
    is not.  If ``n`` is given the length must equal ``n``.
    """
    arr = np.asarray(y)
    if not (arr.dtype.kind in "iu" and arr.ndim == 1):  # integer labels need no conversion
        arr = _to_labels(arr, name, where)
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{where}: {name} has {arr.shape[0]} labels, expected {n} (one per row)")
    return arr


def _to_labels(arr, name, where):
    """The checks and conversion of :func:`as_label_array` for anything but 1-D integers."""
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{where}: {name} must hold integer class labels, got dtype {arr.dtype}")
    if arr.ndim != 1:
        raise ValueError(f"{where}: {name} has shape {fmt_shape(arr.shape)}, expected (N,) integer labels")
    if np.issubdtype(arr.dtype, np.integer):
        return arr
    if arr.dtype != bool and (not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr))):
        raise ValueError(f"{where}: {name} must hold whole-number class labels, got non-integer values")
    return arr.astype(np.int64)


def check_rng(rng, name: str, where: str, *, allow_none: bool = False):
    """Check that ``rng`` is a :class:`numpy.random.Generator`.

    The library never touches global random state, so every function that draws
    random numbers asks for one, made once with ``np.random.default_rng(seed)``.
    """
    if rng is None and allow_none:
        return None
    if not isinstance(rng, np.random.Generator):
        hint = ""
        if isinstance(rng, numbers.Integral):
            hint = f"; pass np.random.default_rng({int(rng)}) instead of the seed"
        elif rng is None:
            hint = "; create one with np.random.default_rng(seed)"
        elif isinstance(rng, np.random.RandomState):
            hint = "; RandomState is legacy, use np.random.default_rng(seed)"
        raise TypeError(
            f"{where}: {name} must be a numpy.random.Generator, got {type(rng).__name__}{hint}"
        )
    return rng


def _is_real_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_positive(value, name: str, where: str) -> float:
    """Return ``value`` as a float, requiring a finite number > 0."""
    if not _is_real_number(value):
        raise TypeError(f"{where}: {name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{where}: {name} must be a positive number, got {value!r}")
    return float(value)


def check_nonnegative(value, name: str, where: str) -> float:
    """Return ``value`` as a float, requiring a finite number >= 0."""
    if not _is_real_number(value):
        raise TypeError(f"{where}: {name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{where}: {name} must be a non-negative number, got {value!r}")
    return float(value)


def check_int(value, name: str, where: str, *, minimum=None) -> int:
    """Return ``value`` as an int, requiring an integer (not bool) >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be >= {minimum}, got {value}")
    return value


def check_probability(value, name: str, where: str, *, closed_right: bool = False) -> float:
    """Return ``value`` as a float in ``[0, 1)`` (or ``[0, 1]`` if ``closed_right``)."""
    if not _is_real_number(value):
        raise TypeError(f"{where}: {name} must be a number, got {type(value).__name__}")
    ok = 0 <= value <= 1 if closed_right else 0 <= value < 1
    if not ok:
        interval = "[0, 1]" if closed_right else "[0, 1)"
        raise ValueError(f"{where}: {name} must be in {interval}, got {value!r}")
    return float(value)


def check_same_shape(a, b, name_a: str, name_b: str, where: str) -> None:
    """Raise ``ValueError`` naming both shapes if ``a`` and ``b`` differ in shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{where}: {name_a} has shape {fmt_shape(a.shape)} but {name_b} has shape "
            f"{fmt_shape(b.shape)}; they must match"
        )


def check_callable(value, name: str, where: str, signature: str = ""):
    """Return ``value`` if it can be called, else raise ``TypeError`` naming the ``signature`` it should have.

    ``signature`` describes the call, e.g. ``"theta -> float"``, and goes into the
    message: ``optimizer_paths: f must be callable theta -> float, got int``.
    """
    if not callable(value):
        what = f"callable {signature}" if signature else "callable"
        raise TypeError(f"{where}: {name} must be {what}, got {type(value).__name__}")
    return value
