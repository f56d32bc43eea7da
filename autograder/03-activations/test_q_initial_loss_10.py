"""Hidden test of the conceptual question `initial_loss_10`: the initial loss of a 10-class softmax.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_initial_loss_10 = conceptual_question(__file__)
