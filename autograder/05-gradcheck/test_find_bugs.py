"""Hidden tests for Exercise 4, ``find_bugs(candidates, numeric, tol=1e-6)``.

candidates: name -> {param: analytic gradient}; numeric: param -> numerical gradient.
Returns name -> {"param", "index", "error"} for every candidate whose worst
per-entry relative error |a - b| / max(|a| + |b|, 1e-12) exceeds tol: the
parameter and index of that worst entry and its error.  When several entries
share the worst error (a whole parameter scaled, a row left at zero), any of
them is accepted.
"""

import numpy as np

from nncourse.grading.testing import expect, fail, weight

NAME = "find_bugs"
NAMES = ["ana", "ben", "cai", "dev", "eve", "fay", "gus"]


def per_entry(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)


def draw_numeric(rng):
    d, h, c = int(rng.integers(2, 6)), int(rng.integers(2, 7)), int(rng.integers(2, 5))
    return {"W1": rng.normal(size=(d, h)), "b1": rng.normal(size=h),
            "W2": rng.normal(size=(h, c)), "b2": rng.normal(size=c)}


def near(rng, numeric, noise=1e-10):
    """A correct candidate: the numerical gradient up to finite-difference noise."""
    return {k: v * (1 + noise * rng.normal(size=v.shape)) for k, v in numeric.items()}


def corrupt_entry(rng, grads, param=None):
    """Corrupt one entry of one parameter (scaled or sign flipped); returns the parameter's name."""
    param = param or str(rng.choice(list(grads)))
    flat = grads[param].reshape(-1)
    i = int(rng.integers(0, flat.size))
    flat[i] *= float(rng.choice([-1.0, 1.3, 0.6, 2.0]))
    return param


def describe(candidates, numeric):
    return (f"{len(candidates)} candidates, parameters "
            + ", ".join(f"{k} {tuple(v.shape)}" for k, v in numeric.items()))


def as_index(value, shape):
    """The student's index as a tuple of ints, or None when it is not one."""
    try:
        arr = np.asarray(value)
        if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and np.all(arr == np.round(arr))):
            return None
        idx = tuple(int(i) for i in np.atleast_1d(arr))
    except (TypeError, ValueError):
        return None
    return idx


def check_report(report, candidates, numeric, tol, what):
    """Compare the student's report with what the candidates and numeric imply."""
    if not isinstance(report, dict):
        fail(f"{what}: expected a dict, got {type(report).__name__}.\n"
             '  Hint: return {name: {"param": ..., "index": ..., "error": ...}} for the failing candidates.')
    worst = {}
    for name, grads in candidates.items():
        errs = {p: per_entry(grads[p], numeric[p]) for p in numeric}
        worst[name] = max(float(e.max()) for e in errs.values()), errs
    failing = sorted(n for n, (w, _) in worst.items() if w > tol)
    got_names = sorted(report)
    missing = [n for n in failing if n not in report]
    extra = [n for n in got_names if n not in failing]
    if missing or extra:
        text = f"{what}: expected the failing candidates {failing}, got {got_names}."
        if missing:
            n = missing[0]
            text += (f"\n  {n!r} has a worst relative error of {worst[n][0]:.3g} > tol = {tol:g}, "
                     "but it is not in your report.")
            hint = ("A candidate fails when the relative error of ANY of its parameters exceeds tol: check "
                    "every parameter, and compare the worst per-entry error with tol.")
            if any(np.any((np.asarray(candidates[m][p]) == 0) & (np.asarray(numeric[p]) == 0))
                   for m in candidates for p in numeric):
                hint += (" Entries that are 0 in both gradients give 0 / 0 = nan, and every comparison with "
                         "nan is False: floor the denominator with max(|a| + |b|, tiny).")
        if extra:
            n = extra[0]
            if n in worst:
                text += (f"\n  {n!r} passes: its worst relative error is {worst[n][0]:.6g} <= tol = {tol:.6g}, "
                         "but it is in your report.")
            hint = ("Leave out the candidates that pass. A correct gradient differs from the numerical one by "
                    "about 1e-10: compare with tol (the argument you are given), not with 0.")
            if n in worst and worst[n][0] == tol:
                hint = ("A candidate fails when its worst error EXCEEDS tol: an error equal to tol passes "
                        "(compare with >, not >=).")
        fail(text + f"\n  Hint: {hint}")
    for name in failing:
        entry = report[name]
        where = f"{what}: report[{name!r}]"
        if not isinstance(entry, dict) or not {"param", "index", "error"} <= set(entry):
            fail(f'{where} is {entry!r}; expected a dict with the keys "param", "index" and "error".')
        top, errs = worst[name]
        best = {p for p, e in errs.items() if e.max() >= 0.999 * top}
        expect(entry["param"] in best,
               f'{where}["param"] is {entry["param"]!r}, expected {" or ".join(sorted(map(repr, best)))} '
               f"(worst relative error {top:.3g}).",
               "Report the parameter holding the worst entry over ALL parameters, not the first one that "
               "fails; 'worst' means the largest per-entry RELATIVE error.")
        e = errs[entry["param"]]
        idx = as_index(entry["index"], e.shape)
        if idx is not None and len(idx) == 1 and e.ndim == 2 and 0 <= idx[0] < e.size:
            fail(f'{where}["index"] is {entry["index"]!r}, a position in the flattened array; expected '
                 f"a pair (row, column).\n  Hint: np.unravel_index(flat, shape) turns a flat position into one.")
        ok = idx is not None and len(idx) == e.ndim and all(0 <= i < s for i, s in zip(idx, e.shape))
        if ok:
            ok = e[idx] >= 0.999 * top
        if not ok:
            expected = tuple(int(i) for i in np.unravel_index(int(np.argmax(e)), e.shape))
            fail(f'{where}["index"] is {entry["index"]!r}, expected {expected} in {entry["param"]} '
                 f"(relative error {top:.3g} there).\n  Hint: the worst entry has the largest per-entry relative "
                 "error |a - b| / max(|a| + |b|, tiny), not the largest |a - b|; give one integer per dimension.")
        try:
            err = float(entry["error"])
        except (TypeError, ValueError):
            fail(f'{where}["error"] is {entry["error"]!r}, expected a number.')
        expect(np.isclose(err, top, rtol=1e-6, atol=0),
               f'{where}["error"] is {err:.6g}, expected {top:.6g}.',
               "The per-entry relative error of the worst entry.")


def run(student, candidates, numeric, what, tol=None):
    f = student.function(NAME)
    report = f(candidates, numeric) if tol is None else f(candidates, numeric, tol=tol)
    check_report(report, candidates, numeric, 1e-6 if tol is None else tol, what)


@weight(2)
def test_one_wrong_entry(student, rng):
    """one candidate with one wrong entry among correct ones"""
    numeric = draw_numeric(rng)
    names = list(rng.choice(NAMES, size=int(rng.integers(3, 6)), replace=False))
    candidates = {str(n): near(rng, numeric) for n in names}
    bad = str(rng.choice(names))
    param = corrupt_entry(rng, candidates[bad], param=str(rng.choice(["W1", "W2"])))
    run(student, candidates, numeric, f"find_bugs with {describe(candidates, numeric)}; "
        f"{bad!r} has one wrong entry in {param}")


@weight(1)
def test_all_correct(student, rng):
    """every candidate is correct: an empty report"""
    numeric = draw_numeric(rng)
    candidates = {n: near(rng, numeric) for n in NAMES[:int(rng.integers(2, 5))]}
    candidates[NAMES[5]] = {k: v.copy() for k, v in numeric.items()}      # exactly equal, too
    run(student, candidates, numeric, f"find_bugs when all {len(candidates)} candidates are correct")


@weight(2)
def test_whole_parameter_and_row_bugs(student, rng):
    """a parameter N times too small and a row left at zero; any of the tied worst entries counts"""
    numeric = draw_numeric(rng)
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric), "cai": near(rng, numeric)}
    n = int(rng.integers(3, 9))
    candidates["ben"]["b2"] = candidates["ben"]["b2"] / n                 # a mean taken twice
    candidates["cai"]["W1"][-1] = 0.0                                     # a loop that stops early
    run(student, candidates, numeric,
        f"find_bugs with {describe(candidates, numeric)}; 'ben' has b2 divided by {n}, 'cai' the last row of W1 at 0")


@weight(1)
def test_worst_means_relative(student, rng):
    """the worst entry is the one with the largest relative error, over all parameters"""
    numeric = draw_numeric(rng)
    numeric["W1"][0, 0] = 50.0 * np.sign(numeric["W1"][0, 0] or 1.0)
    numeric["b2"][-1] = 0.01
    bug = near(rng, numeric)
    bug["W1"][0, 0] *= 1.1          # |a - b| = 5, relative error 0.048
    bug["b2"][-1] *= -1.0           # |a - b| = 0.02, relative error 1
    candidates = {"ana": near(rng, numeric), "ben": bug}
    run(student, candidates, numeric,
        "find_bugs where 'ben' has W1[0, 0] 10% off (a large entry) and b2[-1] of the wrong sign (a small entry)")


@weight(1)
def test_zero_entries(student, rng):
    """entries that are 0 in both gradients count as equal (no nan)"""
    numeric = draw_numeric(rng)
    numeric["W1"][:, 0] = 0.0       # an input unit that never fires: zero gradients
    numeric["b1"][0] = 0.0
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric), "cai": near(rng, numeric)}
    candidates["cai"]["W2"][0, 0] += 0.5
    run(student, candidates, numeric,
        f"find_bugs with {describe(candidates, numeric)} and entries that are 0 in both gradients; "
        "'cai' has a wrong W2[0, 0]")


@weight(1)
def test_tol_is_used(student, rng):
    """the tol argument decides what fails"""
    numeric = draw_numeric(rng)
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric, noise=1e-4)}
    what = "find_bugs where 'ben' agrees to about 1e-4"
    run(student, candidates, numeric, what + ", with tol=1e-2 (nobody fails)", tol=1e-2)
    run(student, candidates, numeric, what + ", with tol=1e-6 ('ben' fails)", tol=1e-6)


@weight(1)
def test_default_tol(student, rng):
    """without tol, a candidate that agrees only to about 1e-5 fails (the default tol is 1e-6)"""
    numeric = draw_numeric(rng)
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric, noise=1e-5)}
    run(student, candidates, numeric, "find_bugs(candidates, numeric) without tol, where 'ben' agrees to about 1e-5")


@weight(1)
def test_error_equal_to_tol_passes(student, rng):
    """a candidate whose worst error equals tol exactly passes: it must exceed tol to fail"""
    numeric = draw_numeric(rng)
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric)}
    corrupt_entry(rng, candidates["ben"])
    tol = max(float(per_entry(candidates["ben"][p], numeric[p]).max()) for p in numeric)
    run(student, candidates, numeric, f"find_bugs(..., tol={tol!r}) where the worst error of 'ben' is exactly tol",
        tol=tol)


@weight(1)
def test_worst_entry_not_mean(student, rng):
    """one bad entry among many fails, although the mean error is below tol"""
    numeric = draw_numeric(rng)
    numeric["W1"] = rng.normal(size=(int(rng.integers(5, 8)), int(rng.integers(6, 9))))
    candidates = {"ana": near(rng, numeric), "ben": near(rng, numeric)}
    i, j = int(rng.integers(0, numeric["W1"].shape[0])), int(rng.integers(0, numeric["W1"].shape[1]))
    candidates["ben"]["W1"][i, j] *= 1.5            # relative error 0.2 in one entry of at least 30
    run(student, candidates, numeric, f"find_bugs(..., tol=0.01) where 'ben' has one entry of W1 of shape "
        f"{numeric['W1'].shape} 50% off (mean relative error below 0.01)", tol=0.01)
