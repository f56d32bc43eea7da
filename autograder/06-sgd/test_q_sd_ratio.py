"""Hidden test of the conceptual question `sd_ratio`: the noise of a minibatch gradient against b.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_sd_ratio = conceptual_question(__file__)
