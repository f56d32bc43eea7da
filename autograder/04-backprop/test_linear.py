"""Hidden tests for Exercise 2, ``class Linear(W, b)`` with ``forward(x)`` and ``backward(grad_out)``.

W (D_in, D_out), b (D_out,); forward: x (N, D_in) -> x @ W + b; backward:
grad_out (N, D_out) -> grad_out @ W.T, storing dW = x.T @ grad_out and db = grad_out.sum(0).
"""


from nncourse.grading.testing import diagnose, expect_close, expect_shape, weight

NAME = "Linear"


def draw(rng, n=None, d_out=None):
    """Random sizes with D_in != D_out (so a transposed result has the wrong shape)."""
    n = int(rng.integers(2, 9)) if n is None else n
    d_in = int(rng.integers(2, 7))
    if d_out is None:
        d_out = d_in + int(rng.integers(1, 4))
        if rng.random() < 0.5:
            d_in, d_out = d_out, d_in
    W = rng.normal(size=(d_in, d_out))
    b = rng.normal(size=d_out)
    x = rng.normal(size=(n, d_in))
    g = rng.normal(size=(n, d_out))
    return W, b, x, g


def run(student, W, b, x, g):
    layer = student.new(NAME, W, b)
    out = layer.call("forward", x)
    dx = layer.call("backward", g)
    return layer, out, dx


def sizes(W, x):
    return f"N={x.shape[0]}, D_in={W.shape[0]}, D_out={W.shape[1]}"


@weight(2)
def test_forward(student, rng):
    """forward returns x @ W + b"""
    for n in (int(rng.integers(2, 9)), 1):
        W, b, x, _ = draw(rng, n)
        out = student.new(NAME, W, b).call("forward", x)
        expect_close(out, x @ W + b, f"Linear.forward for {sizes(W, x)}",
                     "Return x @ W + b, of shape (N, D_out); b is broadcast over the rows.")


@weight(2)
def test_backward_dW(student, rng):
    """backward stores self.dW = x.T @ grad_out"""
    W, b, x, g = draw(rng)
    layer, _, _ = run(student, W, b, x, g)
    dW = layer.get("dW")
    expected = x.T @ g
    got = expect_shape(dW, W.shape, f"Linear.backward: self.dW for {sizes(W, x)}",
                       "dW has the shape of W, (D_in, D_out): x.T @ grad_out.")
    hint = diagnose(got, expected, [
        ("You divided by the batch size. The mean over examples belongs to the loss and is "
         "already inside grad_out; the layer only sums.", expected / x.shape[0])],
        "dW = x.T @ grad_out, using the x cached by forward.")
    expect_close(got, expected, f"Linear.backward: self.dW for {sizes(W, x)}", hint)


@weight(2)
def test_backward_db(student, rng):
    """backward stores self.db = grad_out summed over the batch"""
    W, b, x, g = draw(rng)
    layer, _, _ = run(student, W, b, x, g)
    db = layer.get("db")
    expected = g.sum(axis=0)
    neutral = "b is added to every row (fan-out), so db = grad_out.sum(axis=0), of shape (D_out,)."
    got = expect_shape(db, b.shape, f"Linear.backward: self.db for {sizes(W, x)}", neutral)
    hint = diagnose(got, expected, [
        ("You averaged over the batch. The mean over examples belongs to the loss and is "
         "already inside grad_out: sum, do not average.", expected / x.shape[0])], neutral)
    expect_close(got, expected, f"Linear.backward: self.db for {sizes(W, x)}", hint)


@weight(2)
def test_backward_dx(student, rng):
    """backward returns grad_out @ W.T"""
    W, b, x, g = draw(rng)
    _, _, dx = run(student, W, b, x, g)
    expect_close(dx, g @ W.T, f"Linear.backward: returned gradient with respect to x for {sizes(W, x)}",
                 "Return grad_out @ W.T, of x's shape (N, D_in).")


@weight(1)
def test_batch_of_one(student, rng):
    """a batch of one example, and a layer with one output: db keeps the shape (D_out,)"""
    for n, d_out in ((1, None), (int(rng.integers(2, 6)), 1), (1, 1)):
        W, b, x, g = draw(rng, n, d_out)
        layer, out, dx = run(student, W, b, x, g)
        what = f"Linear on a batch of {n} ({sizes(W, x)})"
        hint = ("Sum over the batch axis only: grad_out.sum(axis=0). Without axis=0, or with a squeeze, "
                "a size of 1 is lost.")
        expect_close(out, x @ W + b, f"{what}: forward", hint)
        expect_close(layer.get("dW"), x.T @ g, f"{what}: self.dW", hint)
        expect_close(layer.get("db"), g.sum(axis=0), f"{what}: self.db", hint)
        expect_close(dx, g @ W.T, f"{what}: returned gradient with respect to x", hint)


@weight(1)
def test_uses_latest_forward(student, rng):
    """backward uses the input of the most recent forward call"""
    W, b, x1, _ = draw(rng)
    n2 = x1.shape[0] + 2
    x2 = rng.normal(size=(n2, W.shape[0]))
    g2 = rng.normal(size=(n2, W.shape[1]))
    layer = student.new(NAME, W, b)
    layer.call("forward", x1)
    layer.call("forward", x2)
    dx = layer.call("backward", g2)
    what = "Linear: forward(x1), forward(x2), backward(g)"
    hint = "forward must cache its input every time (self.x = x), and backward must use the cached one."
    expect_close(layer.get("dW"), x2.T @ g2, f"{what}: self.dW", hint)
    expect_close(layer.get("db"), g2.sum(axis=0), f"{what}: self.db", hint)
    expect_close(dx, g2 @ W.T, f"{what}: returned gradient", hint)
