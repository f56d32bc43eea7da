"""Hidden tests for Exercise 3, ``tanh_layer_gradcheck(W, b, x, G, dW, db, h=1e-5)``.

L(W, b) = sum(tanh(x @ W + b) * G); the function returns
{"dW": relative_error(dW, numerical dW), "db": relative_error(db, numerical db)},
with two-sided numerical gradients of step h.  It uses the student's own
``numerical_gradient`` and ``relative_error``, so this suite grades those too.
"""

import numpy as np

from nncourse.gradcheck import numerical_gradient, rel_error
from nncourse.grading.testing import expect, fail, weight

NAME = "tanh_layer_gradcheck"

NUMERIC_HINT = ("Check your numerical_gradient: two-sided, (L(W + h e_i) - L(W - h e_i)) / (2 h), every "
                "entry put back after nudging it (x[idx] = old), and the step h passed on. The loss is "
                "L = np.sum(np.tanh(x @ W + b) * G): a sum, with the tanh.")


def loss(W, b, x, G):
    return float(np.sum(np.tanh(x @ W + b) * G))


def analytic(W, b, x, G):
    Y = np.tanh(x @ W + b)
    Z_bar = G * (1 - Y * Y)
    return x.T @ Z_bar, Z_bar.sum(axis=0)


def numeric(W, b, x, G, h):
    """Two-sided numerical gradients (dW, db) of L with the library's reference."""
    W, b = W.copy(), b.copy()
    return (numerical_gradient(lambda V: loss(V, b, x, G), W, h),
            numerical_gradient(lambda c: loss(W, c, x, G), b, h))


def one_sided(W, b, x, G, h):
    """One-sided numerical gradients (dW, db), for naming that mistake."""
    out = []
    for which in (0, 1):
        p = (W if which == 0 else b).copy()
        grad = np.zeros_like(p)
        base = loss(W, b, x, G)
        for idx in np.ndindex(p.shape):
            q = p.copy()
            q[idx] += h
            grad[idx] = ((loss(q, b, x, G) if which == 0 else loss(W, q, x, G)) - base) / h
        out.append(grad)
    return out


def draw(rng, n=None):
    """A well-conditioned tanh layer: no tiny gradient entries, a correct check gives < 1e-8."""
    for _ in range(100):
        m = int(rng.integers(2, 9)) if n is None else n
        d_in, d_out = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        W = rng.normal(size=(d_in, d_out)) / np.sqrt(d_in)
        b = rng.normal(size=d_out) * 0.5
        x, G = rng.normal(size=(m, d_in)), rng.normal(size=(m, d_out))
        dW, db = analytic(W, b, x, G)
        if min(np.abs(dW).min(), np.abs(db).min()) < 1e-2:
            continue
        num_dW, num_db = numeric(W, b, x, G, 1e-5)
        if max(rel_error(dW, num_dW), rel_error(db, num_db)) < 1e-8:
            return W, b, x, G, dW, db
    raise RuntimeError("could not draw a well-conditioned example")


def sizes(W, x):
    return f"N={x.shape[0]}, D_in={W.shape[0]}, D_out={W.shape[1]}"


def errors(got, what):
    """The student's {"dW": ..., "db": ...} as two floats."""
    if not isinstance(got, dict):
        fail(f'{what}: expected a dict {{"dW": ..., "db": ...}}, got {type(got).__name__}.\n'
             '  Hint: return {"dW": relative_error(dW, num_dW), "db": relative_error(db, num_db)}.')
    expect(set(got) == {"dW", "db"}, f'{what}: expected the keys ["dW", "db"], got {sorted(got)}.',
           'Use exactly the keys "dW" and "db".')
    out = []
    for key in ("dW", "db"):
        try:
            arr = np.asarray(got[key], dtype=float)
        except (TypeError, ValueError):
            fail(f'{what}: ["{key}"] is a {type(got[key]).__name__}, expected a number.')
        expect(arr.size == 1, f'{what}: ["{key}"] has shape {arr.shape}, expected one number.',
               "Each value is the single number your relative_error returns (the worst entry).")
        out.append(float(arr.reshape(())))
    return out


def expect_passes(value, key, what, hint=NUMERIC_HINT):
    expect(np.isfinite(value) and 0 <= value < 1e-7,
           f'{what}: ["{key}"] is {value:.3g}; the analytic gradient is correct, so a two-sided check with '
           f"h = 1e-5 gives about 1e-9 or less (below 1e-7).", hint)


def expect_error(value, expected, key, what, hint):
    expect(np.isfinite(value) and np.isclose(value, expected, rtol=1e-3, atol=0),
           f'{what}: ["{key}"] expected {expected:.6g}, got {value:.6g}.', hint)


@weight(1)
def test_returns_dict(student, rng):
    """returns {"dW": number, "db": number}"""
    W, b, x, G, dW, db = draw(rng)
    errors(student.function(NAME)(W, b, x, G, dW, db), f"tanh_layer_gradcheck for {sizes(W, x)}")


@weight(3)
def test_correct_gradients_pass(student, rng):
    """correct analytic gradients give relative errors below 1e-7"""
    f = student.function(NAME)
    for _ in range(2):
        W, b, x, G, dW, db = draw(rng)
        what = f"tanh_layer_gradcheck with the correct dW, db for {sizes(W, x)}"
        err_W, err_b = errors(f(W, b, x, G, dW, db), what)
        hint = NUMERIC_HINT
        one_W, one_b = one_sided(W, b, x, G, 1e-5)
        if np.isclose(err_W, rel_error(dW, one_W), rtol=0.05) and err_W > 1e-8:
            hint = ("Your numerical gradient looks one-sided, (L(W + h) - L(W)) / h, whose error is about h. "
                    "Use the two-sided (L(W + h) - L(W - h)) / (2 h): its error is about h**2.")
        expect_passes(err_W, "dW", what, hint)
        expect_passes(err_b, "db", what, hint)


@weight(2)
def test_wrong_dW_is_measured(student, rng):
    """a dW with a few wrong entries: its relative error is reported, db still passes"""
    W, b, x, G, dW, db = draw(rng)
    bad = dW.copy()
    k = int(rng.integers(1, 3))
    flat = bad.reshape(-1)
    for i in rng.choice(flat.size, size=k, replace=False):
        flat[i] *= 1 + rng.choice([-1, 1]) * rng.uniform(0.05, 0.5)
    what = f"tanh_layer_gradcheck with {k} wrong entr{'y' if k == 1 else 'ies'} of dW for {sizes(W, x)}"
    err_W, err_b = errors(student.function(NAME)(W, b, x, G, bad, db), what)
    expected = rel_error(bad, dW)
    hint = "The "'"dW"'" value is relative_error(dW, numerical dW): the worst entry's |a - b| / (|a| + |b|)."
    per_entry = np.abs(bad - dW) / (np.abs(bad) + np.abs(dW))
    if np.isclose(err_W, per_entry.mean(), rtol=1e-3):
        hint = "That is the mean over entries: relative_error must return the worst entry, the max."
    elif err_W < 1e-7 and err_b > 1e-3:
        hint = 'The two values are swapped: the error of dW goes under "dW", the error of db under "db".'
    expect_error(err_W, expected, "dW", what, hint)
    expect_passes(err_b, "db", what)


@weight(1)
def test_wrong_db_is_measured(student, rng):
    """a db with an entry of the wrong sign gives relative error 1; dW still passes"""
    W, b, x, G, dW, db = draw(rng)
    bad = db.copy()
    bad[int(rng.integers(0, bad.size))] *= -1
    what = f"tanh_layer_gradcheck with one entry of db of the wrong sign for {sizes(W, x)}"
    err_W, err_b = errors(student.function(NAME)(W, b, x, G, dW, bad), what)
    hint = "Opposite signs give |a - b| / (|a| + |b|) = 1 for that entry, the worst one."
    if err_b < 1e-7 and err_W > 1e-3:
        hint = 'The two values are swapped: the error of dW goes under "dW", the error of db under "db".'
    expect_error(err_b, 1.0, "db", what, hint)
    expect_passes(err_W, "dW", what)


@weight(2)
def test_step_h_is_used(student, rng):
    """with h = 1e-2 the two-sided truncation error shows: about 1e-5"""
    W, b, x, G, dW, db = draw(rng)
    h = float(rng.choice([1e-2, 2e-2]))
    num_dW, num_db = numeric(W, b, x, G, h)
    one_dW, one_db = one_sided(W, b, x, G, h)
    what = f"tanh_layer_gradcheck(..., h={h:g}) with the correct dW, db for {sizes(W, x)}"
    err_W, err_b = errors(student.function(NAME)(W, b, x, G, dW, db, h=h), what)
    for key, got, exp, one in (("dW", err_W, rel_error(dW, num_dW), rel_error(dW, one_dW)),
                               ("db", err_b, rel_error(db, num_db), rel_error(db, one_db))):
        hint = ("With a large step the two-sided difference has a truncation error of about h**2 / 6 L''', "
                "so the relative error is about 1e-5, not 1e-10. " + NUMERIC_HINT)
        if got < exp / 100:
            hint = ("Your check does not use the step it is given: pass h on, "
                    "numerical_gradient(L, W, h), instead of using the default 1e-5.")
        elif np.isclose(got, one, rtol=0.05):
            hint = ("That is the error of a one-sided difference (error ~ h). Use the two-sided "
                    "(L(W + h) - L(W - h)) / (2 h).")
        expect_error(got, exp, key, what, hint)


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of a single example"""
    W, b, x, G, dW, db = draw(rng, n=1)
    what = f"tanh_layer_gradcheck with the correct dW, db for a batch of one ({sizes(W, x)})"
    err_W, err_b = errors(student.function(NAME)(W, b, x, G, dW, db), what)
    expect_passes(err_W, "dW", what)
    expect_passes(err_b, "db", what)


@weight(1)
def test_zero_gradients(student, rng):
    """G = 0: every gradient is exactly 0 and the errors are 0, not nan"""
    W, b, x, G, dW, db = draw(rng)
    what = f"tanh_layer_gradcheck with G = 0 and dW = 0, db = 0 for {sizes(W, x)}"
    err_W, err_b = errors(student.function(NAME)(W, b, x, np.zeros_like(G), np.zeros_like(dW),
                                                 np.zeros_like(db)), what)
    for key, value in (("dW", err_W), ("db", err_b)):
        expect(np.isfinite(value) and abs(value) <= 1e-12,
               f'{what}: ["{key}"] expected 0.0, got {value}.',
               "With G = 0 both gradients are exactly 0, and 0 / 0 is nan: your relative_error needs the "
               "floor max(|a| + |b|, tiny) in its denominator.")
