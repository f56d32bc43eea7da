"""A notebook's self-check and a hidden suite describe the same wrong value in the same words."""

import numpy as np
import pytest

from nncourse.checks import CheckFailed, check_close
from nncourse.grading.testing import Failed, expect_close

EXPECTED = np.array([[1.0, 2.0], [3.0, 4.0]])


@pytest.mark.parametrize("got, words", [
    (None, "expected an array, got None. Did you forget a `return` statement?"),
    ("abc", "expected a numeric array, got a str."),
    (np.zeros((2, 1, 2)), "expected shape (2, 2), got (2, 1, 2) (right number of entries, wrong arrangement"),
    (np.array([1.0, 2.0]), "expected shape (2, 2), got (2,) (a dimension is missing"),
    (np.array([[1.0, np.inf], [3.0, np.nan]]), "contains 2 non-finite value(s) (nan or inf), first at index (0, 1)."),
    (np.array([[1.0, 2.5], [3.0, 4.0]]), "1 of 4 entries differ; first at index (0, 1): expected 2, got 2.5."
                                          "\n  expected [[1. 2.]\n [3. 4.]]"),
])
@pytest.mark.parametrize("hint", [None, "Sum over axis 0."])
def test_self_checks_and_hidden_suites_say_the_same(got, words, hint):
    with pytest.raises(CheckFailed) as mine:
        check_close(got, EXPECTED, "f(x) for a batch of 2", hint)
    with pytest.raises(Failed) as graders:
        expect_close(got, EXPECTED, "f(x) for a batch of 2", hint)
    assert str(mine.value) == str(graders.value)
    assert str(mine.value).startswith("f(x) for a batch of 2: " + words)
    default = "Large inputs overflow exp()" if "non-finite" in words else None
    if hint or default:
        assert str(mine.value).splitlines()[-1] == "  Hint: " + (hint or default + ": rewrite the formula in a "
                                                                   "stable form.")
    else:
        assert "Hint:" not in str(mine.value)


def test_a_number_is_described_as_a_number():
    with pytest.raises(CheckFailed, match=r"^loss: expected 0.5, got 0.25\.$"):
        check_close(0.25, 0.5, "loss")


def test_infinite_expected_values_are_matched_not_refused():
    """Where the right answer is -inf (log 0), an answer of -inf there passes the self-check."""
    expected = np.array([-np.inf, 0.0])
    assert np.array_equal(check_close(np.array([-np.inf, 0.0]), expected, "log p"), expected)


@pytest.mark.parametrize("got, names, words", [
    (None, ("loss", "grad"), "f(x): expected a pair (loss, grad), got NoneType."),
    ([1, 2, 3], ("W", "b"), "f(x): expected a pair (W, b), got list of length 3."),
    ((1, 2), ("w", "b", "losses"), "f(x): expected a tuple (w, b, losses), got tuple of length 2."),
])
def test_self_checks_unpack_a_returned_tuple_in_one_way(got, names, words):
    from nncourse.checks import check_tuple

    with pytest.raises(CheckFailed) as info:
        check_tuple(got, names, "f(x)")
    assert str(info.value) == words + f"\n  Hint: End the function with `return {', '.join(names)}`."
    assert check_tuple([1, 2], ("a", "b"), "f(x)") == [1, 2]
