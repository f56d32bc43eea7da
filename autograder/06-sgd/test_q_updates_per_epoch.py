"""Hidden test of the conceptual question `updates_per_epoch`: updates per epoch.

Its answer, and the hint each known misconception gets, are in this lesson's
`questions.toml`; the feedback never shows the answer.
"""

from nncourse.grading.testing import conceptual_question

test_updates_per_epoch = conceptual_question(__file__)
