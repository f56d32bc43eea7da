"""Does the self-check of the conceptual questions check the form of an answer, and only its form?

``nncourse.checks.concepts.answer`` must accept any well-formed answer (right or
wrong: the value is graded after submission, so trying values here reveals
nothing) and reject, with a message and a hint, an answer of the wrong form.
"""

import numpy as np
import pytest

from nncourse.checks import CheckFailed
from nncourse.checks import concepts


@pytest.mark.parametrize("value, kind, choices", [
    (412, "integer", None), (412.0, "integer", None), (np.int64(3), "integer", None),
    (0.2231, "number", None), (np.float64(-1.5), "number", None), (7, "number", None),
    ("B", "choice", "ABCD"), ("b", "choice", "ABCD"), (" C ", "choice", "ABCD"),
])
def test_well_formed_answers_pass_whatever_their_value(value, kind, choices, capsys):
    concepts.answer("q", value, kind=kind, choices=choices)
    out = capsys.readouterr().out
    assert out.startswith("\u2713 `q`") and "graded after you submit" in out


@pytest.mark.parametrize("value, kind, choices, words", [
    ("412", "integer", None, "expected a number"),
    (True, "number", None, "expected a number"),
    (412.5, "integer", None, "whole number"),
    ("E", "choice", "ABCD", "one of the letters A, B, C, D"),
    (2, "choice", "ABCD", "one of the letters"),
    (["B"], "choice", "ABCD", "one of the letters"),
])
def test_malformed_answers_fail_with_what_and_a_hint(value, kind, choices, words):
    with pytest.raises(CheckFailed) as info:
        concepts.answer("q", value, kind=kind, choices=choices)
    text = str(info.value)
    assert text.startswith("`q`:") and words in text and "Hint:" in text


@pytest.mark.parametrize("value", [None, ...])
def test_an_unanswered_question_is_unfinished_work(value):
    """The release sets each answer to None: its check fails like an unfinished exercise."""
    with pytest.raises(NotImplementedError, match="no answer yet"):
        concepts.answer("q", value, kind="number")
