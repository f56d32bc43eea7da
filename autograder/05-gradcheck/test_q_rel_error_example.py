"""Hidden test of the conceptual question `rel_error_example`: a relative error.

The expected value stays in this file: the feedback says whether the answer is
right and names a misconception only when the answer is exactly its value.
"""

from nncourse.grading.answers import expect_answer


def test_rel_error_example(student):
    """a relative error"""
    expect_answer(student, "rel_error_example", 0.0049751243781094535, rtol=0.001, known={
        0.01: 'That is |a − b| (or |a − b|/|a|); the relative error divides by |a| + |b|.',
        0.009900990099009901: 'That divides by |b| only; the relative error divides by |a| + |b|.',
        0.009950248756218907: 'That divides by the mean of |a| and |b|; the relative error divides by their sum.',
    })
