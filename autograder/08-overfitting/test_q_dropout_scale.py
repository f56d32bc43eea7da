"""Hidden test of the conceptual question `dropout_scale`: inverted dropout's scale.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_dropout_scale = conceptual_question(__file__)
