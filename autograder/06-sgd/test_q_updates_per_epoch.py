"""Hidden test of the conceptual question `updates_per_epoch`: updates per epoch.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_updates_per_epoch(student):
    """updates per epoch"""
    expect_answer(student, "updates_per_epoch", 17, rtol=1e-06, integer=True, known={
        16: 'That drops the last, smaller batch (1079 − 16·64 = 55 examples would never be used).',
        1079: 'That is one update per example (b = 1).',
        64: '64 is the batch size, not the number of batches.',
    })
