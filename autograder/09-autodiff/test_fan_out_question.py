"""Hidden tests for Question A, ``wrong_if_overwritten``.

Graph: a = x y, b = a + x, c = tanh(a), f = b c.  If every closure assigned
(``p.grad = ...``) instead of adding, the nodes with two children (x: a and b;
a: b and c) keep only one contribution, and y, whose signal is computed from
a's, is wrong too.  b, c (one child each) and f (the seed) stay right.
"""

from nncourse.grading.testing import expect, fail, weight

NAMES = ("x", "y", "a", "b", "c", "f")
ANSWER = {"a", "x", "y"}


def answer(student):
    got = student.value("wrong_if_overwritten")
    if isinstance(got, str) or not isinstance(got, (list, tuple)) or not all(isinstance(g, str) for g in got):
        fail(f"wrong_if_overwritten: expected a list of node names, got {got!r}.", 'For example ["b", "c"].')
    bad = [g for g in got if g not in NAMES]
    if bad:
        fail(f"wrong_if_overwritten: {bad!r} are not nodes of the graph.", f"Use names from {', '.join(NAMES)}.")
    return set(got)


@weight(1)
def test_answer(student, rng):
    """the nodes whose grad is wrong when closures overwrite"""
    got = answer(student)
    hint = ("A node is wrong when two children's signals should add up in it, and also when its signal is "
            "computed from a wrong one.")
    if got == {"a", "x"}:
        hint = ("You found the two nodes with two children. Which node's signal is computed from a's? "
                "A wrong signal propagates to the parents.")
    elif got >= ANSWER and got - ANSWER:
        hint = f"{sorted(got - ANSWER)} have a single child each (or are the root): their signals are complete."
    expect(got == ANSWER, f"wrong_if_overwritten: {sorted(got)} is not the set of wrong nodes.", hint)
