"""Hidden test of the conceptual question `bce_at_08`: the cross-entropy of one confident, correct prediction.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_bce_at_08 = conceptual_question(__file__)
