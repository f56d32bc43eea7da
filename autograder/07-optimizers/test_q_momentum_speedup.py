"""Hidden test of the conceptual question `momentum_speedup`: momentum's speed-up on a constant gradient.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_momentum_speedup = conceptual_question(__file__)
