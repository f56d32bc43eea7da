"""nbgrader configuration for nncourse.

Maps nbgrader's course directory onto the repository's layout:

* ``solutions/<lesson>/``  nbgrader's *source* (what instructors edit);
* ``lessons/<lesson>/``    nbgrader's *release* (what students open);
* everything a course run produces — ``submitted/``, ``autograded/``,
  ``feedback/``, ``gradebook.db``, ``grades.csv`` — lives in a workspace
  outside git: ``$NNCOURSE_WORKSPACE`` or ``./workspace`` (git-ignored).

Autograding runs the hidden suites of ``autograder/<lesson>/`` through
:class:`nncourse.grading.preprocessor.GradeWithHiddenSuites`, which replaces
nbgrader's ``Execute``: the student's code runs only inside the sandboxed
grading worker, never in a kernel of the grader's.
"""

import os

from nncourse.grading.config import configure

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

HERE = os.path.dirname(os.path.abspath(__file__))
configure(c, repo=HERE, workspace=os.environ.get("NNCOURSE_WORKSPACE", os.path.join(HERE, "workspace")))
