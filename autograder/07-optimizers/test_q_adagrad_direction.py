"""Hidden test of the conceptual question `adagrad_direction`: where Adagrad's rate falls faster.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_adagrad_direction = conceptual_question(__file__)
