"""Hidden tests for Exercise 4, ``width_depth_counts(d, K, L, budget) -> (H, n_params, n_paths)``.

H is the largest width such that d -> H (L hidden layers) -> K, with biases, has at
most ``budget`` parameters; n_params is that network's parameter count and n_paths
its number of input-to-output paths.  The expected values are found by widening a
network one unit at a time and counting the entries of its arrays, and by walking
the paths layer by layer.
"""

from nncourse.grading.testing import diagnose, expect, fail, weight

NAME = "width_depth_counts"
INT_HINT = ("Count with Python ints: a float rounds large counts, and NumPy's int64 wraps around above 9.2e18 "
            "(d * H ** L * K on Python ints is exact).")


def params(d, K, L, H, biases=True, square=None):
    """Entries of the weight matrices (and bias vectors) of d -> H (L hidden layers) -> K.

    ``square`` overrides the number of H x H matrices (L - 1), to compute a known mistake.
    """
    shapes = [(d, H)] + [(H, H)] * (L - 1 if square is None else square) + [(H, K)]
    return sum(m * n + (n if biases else 0) for m, n in shapes)


def widest(d, K, L, budget, count=None, strict=False):
    """The largest H whose count (default: the parameters) is within the budget, widening one unit at a time."""
    count = count or (lambda H: params(d, K, L, H))
    H = 0
    while (count(H + 1) < budget) if strict else (count(H + 1) <= budget):
        H += 1
    return H


def paths(d, K, L, H):
    """Input-to-output paths, walked layer by layer with Python ints."""
    reach = [1] * d                              # one way to be at each input unit
    for width in [H] * L + [K]:
        reach = [sum(reach)] * width             # every unit is reached from every unit of the layer before
    return sum(reach)


def expected(d, K, L, budget):
    H = widest(d, K, L, budget)
    return H, params(d, K, L, H), paths(d, K, L, H)


def width_variants(d, K, L, budget):
    """(hint, the H a known mistake finds) on this input."""
    H = widest(d, K, L, budget)
    no_biases = widest(d, K, L, budget, lambda h: params(d, K, L, h, biases=False))
    both = [] if no_biases != H + 1 else [
        (f"That width is over the budget: width {H + 1} has {params(d, K, L, H + 1):,} parameters. Count the "
         "biases against the budget too (one per hidden unit and one per output), and return the last width that "
         "fits, not the first that does not.", H + 1)]
    return both + [
        ("The biases count against the budget too: one per hidden unit and one per output.",
         lambda: widest(d, K, L, budget, lambda h: params(d, K, L, h, biases=False))),
        ("L hidden layers have only L - 1 matrices of H x H between them.",
         lambda: widest(d, K, L, budget, lambda h: params(d, K, L, h, square=L))),
        ("A budget met exactly is spent: keep a width whose count equals the budget (<=, not <).",
         lambda: widest(d, K, L, budget, strict=True)),
        ("That width is over the budget: return the last width that fits, not the first that does not.",
         H + 1),
        ("The outputs have biases too: K of them count against the budget.",
         lambda: widest(d, K, L, budget, lambda h: params(d, K, L, h) - K)),
    ]


def answer(student, d, K, L, budget):
    what = f"width_depth_counts(d={d}, K={K}, L={L}, budget={budget:,})"
    out = student.function(NAME)(d, K, L, budget)
    expect(isinstance(out, (tuple, list)) and len(out) == 3,
           f"{what}: expected a triple (H, n_params, n_paths), got {type(out).__name__}"
           + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else "") + ".",
           "End the function with `return H, n_params, n_paths`.")
    for v, label in zip(out, ("H", "n_params", "n_paths")):
        if isinstance(v, bool) or not isinstance(v, int):
            fail(f"{what}: {label} should be a whole number (a Python int), got {type(v).__name__} {v!r}.",
                 INT_HINT)
    return what, tuple(out)


def check(student, d, K, L, budget):
    what, (H, n, p) = answer(student, d, K, L, budget)
    H0, n0, p0 = expected(d, K, L, budget)
    if H != H0:
        hint = diagnose(H, H0, width_variants(d, K, L, budget),
                        f"Write the number of parameters as a function of H and find the largest H for which it is "
                        f"at most the budget; at H = {H0} the network has {n0:,} parameters, at H = {H0 + 1} "
                        f"{params(d, K, L, H0 + 1):,}.", rtol=0, atol=0)
        if sorted((H, n, p)) == sorted((H0, n0, p0)):
            hint = "The triple is in the wrong order: return (H, n_params, n_paths)."
        fail(f"{what}: H expected {H0}, got {H}.", hint)
    if n != n0:
        hint = diagnose(n, n0, [
            ("n_params counts the biases too: one per hidden unit and one per output.",
             params(d, K, L, H0, biases=False)),
            ("n_params is the count of the network of the width you return, not of the next one.",
             params(d, K, L, H0 + 1)),
        ], "n_params is the number of weights and biases of the network of width H.", rtol=0, atol=0)
        fail(f"{what}: with H = {H0}, n_params expected {n0:,}, got {n:,}.", hint)
    if p != p0:
        hint = diagnose(p, p0, [
            ("A path also chooses its input unit and its output unit: d * H ** L * K, not H ** L.", H0 ** L),
            ("The choices in successive layers multiply, they do not add up.", d * H0 * L * K),
            ("A path visits one unit in each of the L hidden layers: H ** L, not H ** (L + 1).",
             d * H0 ** (L + 1) * K),
            ("The inputs and outputs are d and K units, not H: count the choices at each end with their own sizes.",
             H0 ** (L + 2)),
        ], rtol=0, atol=0)
        if hint is None and (p < 0 or (p0 >= 2 ** 63 > abs(p)) or (p0 > 2 ** 53 and abs(p - p0) < p0 // 10 ** 6)):
            hint = INT_HINT              # a wrapped int64 or a rounded float
        hint = hint or "A path picks one of the d inputs, one unit in each hidden layer and one of the K outputs."
        fail(f"{what}: with H = {H0}, n_paths expected {p0:,}, got {p:,}.", hint)


def network(rng, L=None):
    d, K = int(rng.integers(2, 80)), int(rng.integers(1, 12))
    L = int(rng.integers(2, 9)) if L is None else L
    return d, K, L


@weight(1)
def test_returns_a_triple(student, rng):
    """returns a triple (H, n_params, n_paths) of whole numbers"""
    answer(student, *network(rng), int(rng.integers(2_000, 5_000)))


@weight(3)
def test_deep_networks(student, rng):
    """random inputs, outputs, depths L >= 2 and budgets"""
    for _ in range(3):
        d, K, L = network(rng)
        check(student, d, K, L, params(d, K, L, 1) + int(rng.integers(0, 200_000)))


@weight(2)
def test_one_hidden_layer(student, rng):
    """L = 1: the count is linear in H, there is no H x H matrix"""
    for _ in range(2):
        d, K, _ = network(rng)
        check(student, d, K, 1, params(d, K, 1, 1) + int(rng.integers(0, 200_000)))


@weight(2)
def test_budget_met_exactly(student, rng):
    """budgets equal to a network's count, one below the next width's, and the smallest budget (H = 1)"""
    for L in (int(rng.integers(2, 7)), 1):
        d, K, _ = network(rng)
        H = int(rng.integers(2, 120))
        check(student, d, K, L, params(d, K, L, H))
        check(student, d, K, L, params(d, K, L, H + 1) - 1)
        check(student, d, K, L, params(d, K, L, 1))


@weight(1)
def test_large_path_counts_are_exact(student, rng):
    """deep networks whose path counts are beyond 64-bit integers and float precision"""
    # odd d, K and H: d * H ** L * K is then an odd number above 2**63, which no float or int64 holds
    d, K, L = 2 * int(rng.integers(5, 40)) + 1, 2 * int(rng.integers(2, 8)) + 1, int(rng.integers(10, 15))
    H = 2 * int(rng.integers(30, 90)) + 1
    check(student, d, K, L, params(d, K, L, H))
