"""Do the shared helpers of the hidden suites (``nncourse.grading.testing``) say what is wrong, and only then?

The suites' own behaviour on every catalogued mistake and alternative is checked by
``tests/test_verdicts.py`` and ``tests/test_catalogue.py``; these tests pin the helpers'
messages and the errors an instructor gets for a malformed question table.
"""

import numpy as np
import pytest

from nncourse.grading.remote import MissingDefinition
from nncourse.grading.testing import (
    Failed,
    conceptual_question,
    distinct_sizes,
    expect_number,
    expect_returns,
    make_test,
)


class Answers:
    """A stand-in for the student's submission: ``value(name)`` of top-level variables."""

    def __init__(self, **values):
        self.values = values

    def value(self, name):
        if name not in self.values:
            raise MissingDefinition(name)
        return self.values[name]


def _question(tmp_path, toml: str, name: str = "q"):
    (tmp_path / "questions.toml").write_text(toml, encoding="utf-8")
    return conceptual_question(str(tmp_path / f"test_q_{name}.py"))


NUMBER = """
[q]
about = "a count"
answer = 17
integer = true

[q.known]
"16" = "That drops the last batch."
"""


def test_a_numeric_question_grades_and_names_a_known_misconception_only(tmp_path):
    test = _question(tmp_path, NUMBER)
    assert test.__name__ == "test_q" and test.__doc__ == "a count"
    test(Answers(q=17))
    with pytest.raises(Failed, match="That drops the last batch"):
        test(Answers(q=16))
    with pytest.raises(Failed) as wrong:
        test(Answers(q=15))
    assert "last batch" not in str(wrong.value) and "17" not in str(wrong.value)
    with pytest.raises(Failed, match="whole number"):
        test(Answers(q=17.5))
    with pytest.raises(Failed, match="no answer"):
        test(Answers())


def test_a_choice_question_grades_letters(tmp_path):
    test = _question(tmp_path, '[q]\nabout = "why"\nanswer = "B"\nchoices = "ABCD"\n\n[q.known]\nA = "Not A."\n')
    test(Answers(q=" b "))
    with pytest.raises(Failed, match="Not A"):
        test(Answers(q="A"))
    with pytest.raises(Failed, match="one of the letters"):
        test(Answers(q="E"))


@pytest.mark.parametrize("toml, words", [
    ('[other]\nabout = "x"\nanswer = 1\n', "has no table [q]"),
    ('[q]\nanswer = 1\n', "missing keys about"),
    ('[q]\nabout = "x"\nanswer = 1\nrtl = 0.1\n', "unknown keys rtl"),
    ('[q]\nabout = "x"\nanswer = "E"\nchoices = "ABCD"\n', "not one of choices"),
    ('[q\n', "not valid TOML"),
])
def test_a_malformed_question_table_names_the_problem(tmp_path, toml, words):
    with pytest.raises(ValueError, match=words.replace("[", r"\[")):
        _question(tmp_path, toml)


def test_a_question_suite_without_a_table_or_with_another_name_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="questions.toml does not exist"):
        conceptual_question(str(tmp_path / "test_q_q.py"))
    with pytest.raises(ValueError, match="test_q_<question>.py"):
        conceptual_question(str(tmp_path / "test_q.py"))


def test_expect_returns_unpacks_and_names_what_is_missing():
    assert expect_returns([1, 2], ("loss", "grad"), "f(x)") == (1, 2)
    with pytest.raises(Failed, match=r"f\(x\): expected a pair \(loss, grad\), got tuple of length 3"):
        expect_returns((1, 2, 3), ("loss", "grad"), "f(x)")
    with pytest.raises(Failed, match=r"(?s)got float\..*return loss, grad"):
        expect_returns(1.0, ("loss", "grad"), "f(x)")
    loss, grad = expect_returns((np.array([0.5]), [1]), ("loss", "grad"), "f(x)", numbers={"loss": "one number"})
    assert loss == 0.5 and isinstance(loss, float) and grad == [1]
    with pytest.raises(Failed, match=r"(?s)f\(x\): loss has shape \(2,\), expected a single number.*one number"):
        expect_returns((np.zeros(2), 1), ("loss", "grad"), "f(x)", numbers={"loss": "one number"})


@pytest.mark.parametrize("bad", ["0.5", None, {"a": 1}, [1, 2]])
def test_expect_number_refuses_what_is_not_one_number(bad):
    with pytest.raises(Failed, match="expected a single number"):
        expect_number(bad, "b")


def test_distinct_sizes_never_equal_and_bump_the_named_one():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n, k = distinct_sizes(rng, (2, 4), (2, 4))
        assert n != k and 2 <= n < 4 and 2 <= k < 5
    assert distinct_sizes(rng, (2, 3), (2, 3), n=2, k=2) == (2, 3)
    assert distinct_sizes(rng, (2, 3), (2, 3), n=2, k=2, bump="n") == (3, 2)


def test_make_test_carries_its_weight_doc_and_check():
    seen = []
    test = make_test(lambda student, rng: seen.append((student, rng)), "what it checks", 3)
    assert test.__doc__ == "what it checks"
    assert test.pytestmark[0].name == "weight" and test.pytestmark[0].args == (3.0,)
    test("s", "r")
    assert seen == [("s", "r")]
