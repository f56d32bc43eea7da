"""Hidden test of the conceptual question `fanout_rule`: the error signal of a value used twice.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_fanout_rule = conceptual_question(__file__)
