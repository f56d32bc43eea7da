"""Hidden tests for Exercise 3, ``class Sigmoid()`` with ``forward(z)`` and ``backward(grad_out)``.

forward: z (N, D) -> sigma(z), caching the output; backward: grad_out (N, D) -> grad_out * y * (1 - y).
"""


from nncourse.grading.testing import diagnose, expect_close, expect_dtype, expect_shape, sigmoid, weight, wide_range

NAME = "Sigmoid"
STABLE = ("exp() of a large number overflows to inf, and inf / inf is nan: use 1 / (1 + exp(-z)) only where "
          "z >= 0 and exp(z) / (1 + exp(z)) where z < 0 (the notebook's `sigmoid` does this).")


def draw(rng, scale=2.0):
    n, d = int(rng.integers(1, 8)), int(rng.integers(2, 6))
    return rng.normal(0.0, scale, size=(n, d)), rng.normal(size=(n, d))


NEUTRAL = "Return grad_out * y * (1 - y), where y = sigma(z) is the output cached by forward."


def backward_hint(got, z, g):
    """A hint naming the mistake whose output ``got`` is, on this input; else the neutral one."""
    y = sigmoid(z)
    return diagnose(got, g * y * (1 - y), [
        ("You evaluated z (1 - z). The derivative is sigma(z) (1 - sigma(z)) = y (1 - y): "
         "use the output cached by forward, not the input.", lambda: g * z * (1 - z)),
        ("Chain rule: multiply sigma'(z) by the incoming error signal grad_out.", lambda: y * (1 - y)),
        ("sigma'(z) = y (1 - y): a factor (1 - y) is missing.", lambda: g * y),
    ], NEUTRAL)


@weight(2)
def test_forward(student, rng):
    """forward returns sigma(z) elementwise"""
    z, _ = draw(rng)
    out = student.new(NAME).call("forward", z)
    expect_close(out, sigmoid(z), f"Sigmoid.forward for z of shape {z.shape}",
                 "sigma(z) = 1 / (1 + exp(-z)), elementwise; same shape as z.")


@weight(3)
def test_backward(student, rng):
    """backward returns grad_out * y * (1 - y)"""
    z, g = draw(rng)
    layer = student.new(NAME)
    layer.call("forward", z)
    got = layer.call("backward", g)
    arr = expect_shape(got, z.shape, f"Sigmoid.backward for z of shape {z.shape}",
                       "The error signal of z has z's shape: multiply elementwise, not with @.")
    y = sigmoid(z)
    expect_close(arr, g * y * (1 - y), f"Sigmoid.backward for z of shape {z.shape}", backward_hint(arr, z, g))


@weight(1)
def test_uses_latest_forward(student, rng):
    """backward uses the output of the most recent forward call"""
    z1, _ = draw(rng)
    z2 = rng.normal(0.0, 2.0, size=(z1.shape[0] + 1, z1.shape[1]))
    g2 = rng.normal(size=z2.shape)
    layer = student.new(NAME)
    layer.call("forward", z1)
    layer.call("forward", z2)
    y2 = sigmoid(z2)
    got = expect_shape(layer.call("backward", g2), z2.shape, "Sigmoid: forward(z1), forward(z2), backward(g)",
                       "backward must use the output cached by the most recent forward call.")
    hint = backward_hint(got, z2, g2)
    if hint == NEUTRAL:
        hint = "forward must cache its output every time, and backward must use the cached value."
    expect_close(got, g2 * y2 * (1 - y2), "Sigmoid: forward(z1), forward(z2), backward(g)", hint)


@weight(2)
def test_large_inputs(student, rng):
    """no nan or inf for |z| from 0 to 1e4, on both sides of exp() overflow"""
    z = wide_range(rng, (int(rng.integers(4, 7)), 7), limit=1e4)
    g = rng.normal(size=z.shape)
    layer = student.new(NAME)
    out = layer.call("forward", z)
    y = sigmoid(z)
    hint = STABLE + " Do not clip z: sigma(20) and sigma(40) are not sigma(10)."
    expect_close(out, y, "Sigmoid.forward with |z| from 0 to 1e4", hint, atol=1e-12)
    expect_close(layer.call("backward", g), g * y * (1 - y), "Sigmoid.backward with |z| from 0 to 1e4",
                 "Compute the derivative from the cached output, y * (1 - y); " + hint, atol=1e-12)


@weight(1)
def test_integer_inputs(student, rng):
    """integer z gives float outputs"""
    z = rng.integers(-5, 6, size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    z.flat[0] = 0
    g = rng.integers(-3, 4, size=z.shape)
    layer = student.new(NAME)
    out = layer.call("forward", z)
    hint = ("An array made with np.zeros_like(z) or np.empty_like(z) takes z's integer dtype and truncates "
            "sigma(z) to 0 or 1: give it dtype=float.")
    what = f"Sigmoid.forward with integer z = {z.tolist()}"
    expect_dtype(out, "float", what, hint)
    y = sigmoid(z.astype(float))
    expect_close(out, y, what, hint)
    expect_close(layer.call("backward", g), g * y * (1 - y), "Sigmoid.backward after integer z", hint)
