"""Hidden test of the conceptual question `accuracy_se`: the standard error of an accuracy.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_accuracy_se = conceptual_question(__file__)
