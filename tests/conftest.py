import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures", "mini"))

import build as mini_build  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return ROOT


@pytest.fixture(scope="session")
def sandboxed():
    from nncourse.grading.sandbox import bwrap_path

    have = bwrap_path() is not None
    if os.environ.get("NNCOURSE_REQUIRE_SANDBOX") and not have:
        pytest.fail("NNCOURSE_REQUIRE_SANDBOX is set but bubblewrap (bwrap) is not installed")
    return have


@pytest.fixture
def mini_course(tmp_path):
    """A fresh copy of the mini course (solutions/ and autograder/) in tmp_path."""
    return mini_build.make_course(str(tmp_path / "course"))


def _solution_namespace(lesson: str) -> dict:
    """The definitions of ``solutions/<lesson>/<lesson>.ipynb``, loaded as grading loads a submission.

    The grading worker's own loader runs the top-level imports, functions, classes
    and assignments of the student's cells (every code cell but the grade cells;
    not loops, calls or plots), so a claims
    test calls the lesson's own functions exactly as the notebook defines them.
    """
    import nbformat

    from nncourse.grading.cells import student_cells
    from nncourse.grading.worker import Worker

    path = os.path.join(ROOT, "solutions", lesson, f"{lesson}.ipynb")
    nb = nbformat.read(path, as_version=4)
    cells = [{"index": i, "source": source} for i, source in student_cells(nb)]
    worker = Worker(None, None)
    report = worker.load(cells, statement_timeout=120)
    if report["problems"]:
        raise RuntimeError(f"{lesson}: the solution notebook's definitions did not load: {report['problems']}")
    return worker.ns


_NAMESPACES: dict = {}


@pytest.fixture(scope="module")
def solution_namespace():
    """``solution_namespace(lesson)``: the solution notebook's definitions (cached per process)."""
    def get(lesson: str) -> dict:
        if lesson not in _NAMESPACES:
            _NAMESPACES[lesson] = _solution_namespace(lesson)
        return _NAMESPACES[lesson]
    return get


@pytest.fixture(scope="module")
def ns(request, solution_namespace):
    """The solution notebook's definitions of the lesson named by the test module's ``LESSON``."""
    lesson = getattr(request.module, "LESSON", None)
    if not isinstance(lesson, str):
        pytest.fail(f"{request.module.__name__} uses the fixture `ns`: name its lesson at the top of the module, "
                    'e.g. LESSON = "03-activations".', pytrace=False)
    return solution_namespace(lesson)
