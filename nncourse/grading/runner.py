"""Run one hidden suite against one submission, in the grader's process.

:func:`run_suite` runs ``autograder/<lesson>/test_*.py`` with pytest, giving
its tests the fixtures ``student`` (the :class:`~.remote.Submission`) and
``rng`` (seeded per student and per test), and turns the outcome into a
:class:`CellResult`: each test's weight, pass/fail and feedback, and the
cell's score = points × (weight passed / weight total).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import time
from dataclasses import dataclass, field

import numpy as np
import pytest

from .remote import StudentProblem, Submission
from .testing import Failed

INI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "suite.ini")


def seed_for(*parts: str) -> int:
    """A 64-bit seed from the course secret, student, lesson, cell and test."""
    h = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(h[:8], "little")


@dataclass
class TestResult:
    name: str
    doc: str
    weight: float
    passed: bool
    message: str = ""


@dataclass
class CellResult:
    grade_id: str
    points: float
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        total = sum(t.weight for t in self.tests)
        if total <= 0:
            return 0.0
        got = sum(t.weight for t in self.tests if t.passed)
        score = self.points * got / total
        # a plain float, never above the cell's points, rounded for display
        return float(min(self.points, max(0.0, round(score, 4))))

    def feedback(self) -> str:
        lines = [f"Autograded: {self.score:g} / {self.points:g} points "
                 f"({sum(t.passed for t in self.tests)} of {len(self.tests)} checks passed)"]
        total = sum(t.weight for t in self.tests) or 1.0
        for t in self.tests:
            share = self.points * t.weight / total
            mark = "PASS" if t.passed else "FAIL"
            lines.append(f"[{mark}] {t.doc} ({share:.3g} pt)")
            if not t.passed and t.message:
                lines += ["       " + ln for ln in t.message.splitlines()]
        for note in self.notes:
            lines.append(f"Note: {note}")
        return "\n".join(lines)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (Failed, StudentProblem)):
        return str(exc)
    if isinstance(exc, AssertionError) and str(exc):
        return str(exc).split("\nassert ")[0]
    if isinstance(exc, pytest.skip.Exception):
        return "This check was skipped."
    return (f"This check could not be completed: {type(exc).__name__}: {str(exc)[:300]}. "
            "Often this means a value your code returned had an unexpected type or shape.")


class _Plugin:
    def __init__(self, submission: Submission, seed_parts: tuple[str, ...]):
        self.submission = submission
        self.seed_parts = seed_parts
        self.items: dict[str, tuple[str, float]] = {}
        self.errors: dict[str, BaseException] = {}
        self.outcomes: dict[str, bool] = {}
        self.collect_errors: list[str] = []

    @pytest.fixture
    def student(self):
        return self.submission

    @pytest.fixture
    def rng(self, request):
        return np.random.default_rng(seed_for(*self.seed_parts, request.node.name))

    def pytest_collection_modifyitems(self, items):
        for item in items:
            marker = item.get_closest_marker("weight")
            w = float(marker.args[0]) if marker and marker.args else 1.0
            doc = (item.obj.__doc__ or "").strip().splitlines()
            label = doc[0].strip() if doc else item.name.removeprefix("test_").replace("_", " ")
            self.items[item.nodeid] = (label, w)

    def pytest_runtest_makereport(self, item, call):
        if call.excinfo is not None and item.nodeid not in self.errors:
            self.errors[item.nodeid] = call.excinfo.value
        return None

    def pytest_runtest_logreport(self, report):
        ok = self.outcomes.get(report.nodeid, True)
        if report.when == "call":
            ok = ok and report.passed
        elif report.failed or report.skipped:
            ok = False
        self.outcomes[report.nodeid] = ok

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors.append(str(report.longrepr)[-2000:])


def _forget_modules_under(folder: str) -> None:
    folder = os.path.abspath(folder) + os.sep
    for name, mod in list(sys.modules.items()):
        path = getattr(mod, "__file__", None)
        if path and os.path.abspath(path).startswith(folder):
            del sys.modules[name]


class SuiteError(RuntimeError):
    """The hidden suite itself is broken (an instructor's problem, not the student's)."""


def run_suite(suite: str, submission: Submission, grade_id: str, points: float,
              seed_parts: tuple[str, ...]) -> CellResult:
    """Run the pytest file ``suite`` against ``submission``; see module doc."""
    start = time.monotonic()
    plugin = _Plugin(submission, seed_parts + (grade_id,))
    args = [suite, "-c", INI, "--rootdir", os.path.dirname(suite), "-p", "no:cacheprovider",
            "-p", "no:randomly", "-p", "no:xdist", "-p", "no:nbval", "-p", "no:timeout",
            "--import-mode=importlib", "-q", "--no-header", "-W", "ignore"]
    sink = io.StringIO()
    _forget_modules_under(os.path.dirname(suite))
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = pytest.main(args, plugins=[plugin])
    finally:
        # suites of different lessons share file names (test_sigmoid.py): never
        # let one lesson's module stand in for another's in this process
        _forget_modules_under(os.path.dirname(suite))
    if plugin.collect_errors or code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR,
                                         pytest.ExitCode.INTERRUPTED):
        raise SuiteError(f"hidden suite {suite} could not run (pytest exit {int(code)}):\n"
                         + "\n".join(plugin.collect_errors) + sink.getvalue()[-2000:])
    if not plugin.items:
        raise SuiteError(f"hidden suite {suite} has no tests")
    result = CellResult(grade_id=grade_id, points=float(points))
    for nodeid, (label, w) in plugin.items.items():
        passed = plugin.outcomes.get(nodeid, False)
        msg = "" if passed else _describe(plugin.errors[nodeid]) if nodeid in plugin.errors else "Not run."
        result.tests.append(TestResult(name=nodeid.split("::")[-1], doc=label, weight=w, passed=passed, message=msg))
    problems = (submission.load_report or {}).get("problems", [])
    if problems:
        result.notes.append("while loading your notebook's definitions: " + "; ".join(problems[:5]))
    result.seconds = time.monotonic() - start
    return result
