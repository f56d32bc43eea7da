"""Grade the autograded cells of one submission: the whole grading engine.

:func:`grade_cells` is a pure function of (trusted grade cells, the
submission's code cells, the lesson's hidden suites, the course secret) and
returns plain-data :class:`CellResult`\\ s; the nbgrader preprocessor
(:mod:`.preprocessor`), ``nncourse try`` and the parallel and distributed
runs (:mod:`.parallel`, :mod:`.distributed`) all call it.

Every hidden suite of a submission runs in **one** pytest session
(``autograder/<lesson>/test_*.py``, one file per graded cell), with pytest's
entry-point plugins and its ``unraisableexception``/``threadexception``
plugins off (each of those calls ``gc.collect`` several times per session).
Each graded cell still gets a **fresh** sandboxed worker holding the
submission's definitions, killed after the cell's last test, so one exercise
that hangs or crashes costs that exercise only; the next cell's worker starts
(in a thread) while the previous cell's tests run, and a cell's time budget
counts from its first test.  Tests get the fixtures ``student`` (the
:class:`~.remote.Submission` of their cell) and ``rng`` (seeded per secret,
student, lesson, cell and test).  A cell's score is
points × (weight passed / weight total).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import io
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field

import numpy as np
import pytest

from .lesson import Lesson
from .remote import StudentProblem, StudentTimeout, Submission
from .sandbox import protected_copy, temp_dir
from .testing import Failed

INI = os.path.join(os.path.dirname(os.path.abspath(__file__)), "suite.ini")

# pytest options of the inner sessions: no project config, no entry-point
# plugins (xdist, nbval, hypothesis, ...), no plugins that gc.collect per session
PYTEST_ARGS = ["-c", INI, "-p", "no:cacheprovider", "--disable-plugin-autoload",
               "-p", "no:unraisableexception", "-p", "no:threadexception",
               "-p", "no:randomly", "-p", "no:xdist", "-p", "no:nbval", "-p", "no:timeout",
               "--import-mode=importlib", "-q", "--no-header", "-W", "ignore",
               # the engine reads each failure from its exception: pytest need not format a long report
               "--tb=native", "--assert=plain",   # (and no suite uses a bare assert to report a failure)
               # what a hidden suite never uses, each a hook on every test; the session's output goes
               # to a buffer already (so no capture, which swaps file descriptors around every test)
               "--capture=no", "-p", "no:logging", "-p", "no:faulthandler", "-p", "no:junitxml",
               "-p", "no:doctest", "-p", "no:pastebin", "-p", "no:stepwise", "-p", "no:setuponly",
               "-p", "no:setupplan", "-p", "no:debugging", "-p", "no:unittest", "-p", "no:legacypath"]


def seed_for(*parts: str) -> int:
    """A 64-bit seed from the course secret, student, lesson, cell and test."""
    h = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(h[:8], "little")


# -- results: plain data -------------------------------------------------

@dataclass
class TestResult:
    __test__ = False  # not a pytest test class

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

    def to_dict(self) -> dict:
        """JSON-ready plain data (what a parallel or distributed run sends back)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CellResult":
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on a malformed record."""
        try:
            tests = [TestResult(name=str(t["name"]), doc=str(t["doc"]), weight=float(t["weight"]),
                                passed=bool(t["passed"]), message=str(t.get("message", "")))
                     for t in data["tests"]]
            return cls(grade_id=str(data["grade_id"]), points=float(data["points"]), tests=tests,
                       notes=[str(n) for n in data.get("notes", [])], seconds=float(data.get("seconds", 0.0)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed cell result: {exc!r}") from None


@dataclass
class GradeCell:
    """A cell to score, as the trusted source notebook defines it."""

    grade_id: str
    source: str
    points: float


class SuiteError(RuntimeError):
    """The hidden suite itself is broken (an instructor's problem, not the student's)."""


# -- what stays the same during a run -------------------------------------

_COPIES: dict[tuple[str, ...], str] = {}
_LESSONS: dict[tuple[str, str], tuple[int, Lesson]] = {}


def scratch_dir(workspace: str | None) -> str:
    """A private folder for this process's temporary files.

    Under ``<workspace>/.nncourse/tmp/<pid>-…`` when there is a workspace:
    folders left by a run that was killed (its pid no longer running) are
    removed here, at the next start, so a SIGKILL leaves no debris behind.
    """
    if workspace is None:
        root = temp_dir("nncourse-grading-")
    else:
        top = os.path.join(workspace, ".nncourse", "tmp")
        os.makedirs(top, exist_ok=True)
        for name in os.listdir(top):
            pid = name.split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(os.path.join(top, name), ignore_errors=True)
        root = tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=top)
    atexit.register(shutil.rmtree, root, True)
    return root


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_COPIES_LOCK = threading.Lock()


def nncourse_copy(protect: list[str], workspace: str | None = None) -> str:
    """The protected copy of nncourse for a lesson (made once per process, by whichever thread asks first)."""
    key = (tuple(sorted(protect)), workspace)
    with _COPIES_LOCK:
        if key not in _COPIES:
            _COPIES[key] = protected_copy(list(key[0]), scratch_dir(workspace))
        return _COPIES[key]


def load_lesson(autograder_dir: str, name: str) -> Lesson:
    """:meth:`Lesson.load`, parsed once per process while ``lesson.toml`` is unchanged."""
    key = (os.path.abspath(autograder_dir), name)
    try:
        stamp = os.stat(os.path.join(key[0], name, "lesson.toml")).st_mtime_ns
    except OSError:
        stamp = -1
    cached = _LESSONS.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, Lesson.load(autograder_dir, name))
        _LESSONS[key] = cached
    return cached[1]


# -- one pytest session for the suites of a submission --------------------

def _describe(exc: BaseException) -> str:
    if isinstance(exc, (Failed, StudentProblem)):
        return str(exc)
    if isinstance(exc, AssertionError) and str(exc):
        return str(exc).split("\nassert ")[0]
    if isinstance(exc, pytest.skip.Exception):
        return "This check was skipped."
    return (f"This check could not be completed: {type(exc).__name__}: {str(exc)[:300]}. "
            "Often this means a value your code returned had an unexpected type or shape.")


class _Cell:
    """One graded cell during a session: its suite's tests and its own worker."""

    def __init__(self, order: int, cell: GradeCell, suite: str):
        self.order, self.cell, self.suite = order, cell, os.path.realpath(suite)
        self.items: dict[str, tuple[str, float]] = {}   # nodeid -> (label, weight), in run order
        self.submission: Submission | None = None
        self.load_error: StudentProblem | None = None
        self.sandboxed: bool | None = None
        self.load_problems: list[str] = []
        self.started: float | None = None
        self.seconds = 0.0
        self.starting: threading.Thread | None = None   # the thread that started the worker ahead
        self.ready = threading.Event()                   # ... has started it
        self.release = threading.Event()                 # ... may end (the worker is gone)
        self.start_error: BaseException | None = None
        self.external: Submission | None = None        # a worker the caller owns (see run_suite)


class _Session:
    """pytest plugin running the suites of several cells against one submission."""

    def __init__(self, cells: list[_Cell], code_cells: list[tuple[int, str]], copy_dir: str, lesson: Lesson,
                 seed_parts: tuple[str, ...], shared: dict | None = None):
        self.cells = {c.suite: c for c in cells}
        # shared by the sessions of one submission: a notebook that hangs while
        # loading costs one cell's budget, not one per cell
        self.shared = shared if shared is not None else {"load_timeout": None}
        self.code_cells, self.copy_dir, self.lesson, self.seed_parts = code_cells, copy_dir, lesson, seed_parts
        self.current: _Cell | None = None
        self.sequence: list[_Cell] = []
        self.errors: dict[str, BaseException] = {}
        self.outcomes: dict[str, bool] = {}
        self.collect_errors: list[str] = []

    def _cell(self, item) -> _Cell:
        return self.cells[os.path.realpath(str(item.path))]

    # -- each cell's worker: a fresh one per cell, started while the previous
    #    cell's tests run, its budget counted from the cell's first test, killed after its last
    def _start_worker(self, cell: _Cell) -> None:
        if cell.external is not None:
            cell.submission = cell.external
            return
        if self.shared["load_timeout"]:
            # the notebook already hung while loading for an earlier cell: a
            # notebook that hangs costs one cell's budget, not one per cell
            cell.load_error = StudentTimeout(self.shared["load_timeout"])
            return
        limits = self.lesson.limits
        cell.submission = Submission(self.code_cells, self.copy_dir, limits, budget_seconds=limits.cell_seconds)
        try:
            cell.submission._ensure()
        except StudentProblem as exc:
            # the notebook's definitions could not even be loaded
            cell.load_error = exc
            if isinstance(exc, StudentTimeout):
                self.shared["load_timeout"] = str(exc)
        except BaseException as exc:  # noqa: BLE001 - raised again in the session's thread
            cell.start_error = exc

    def _start_ahead(self, cell: _Cell) -> None:
        def run():
            try:
                self._start_worker(cell)
            finally:
                cell.ready.set()
            # bubblewrap's --die-with-parent follows the *thread* that started it:
            # this thread lives until the cell's worker has been killed
            cell.release.wait()

        if cell.submission is None and cell.starting is None:
            cell.starting = threading.Thread(target=run, daemon=True)
            cell.starting.start()

    def _begin(self, cell: _Cell) -> None:
        if cell.starting is not None:
            cell.ready.wait()
        elif cell.submission is None:
            self._start_worker(cell)
        if cell.start_error is not None:
            raise cell.start_error
        cell.started = time.monotonic()
        sub = cell.submission
        if sub is not None:
            if getattr(sub, "budget_seconds", None) is not None and cell.external is None:
                sub.deadline = cell.started + sub.budget_seconds
            cell.sandboxed = sub.sandboxed
            cell.load_problems = list((sub.load_report or {}).get("problems", []))
        later = self.sequence[self.sequence.index(cell) + 1:] if cell in self.sequence else []
        if later:
            self._start_ahead(later[0])

    def _end(self, cell: _Cell | None) -> None:
        if cell is None:
            return
        if cell.starting is not None:
            cell.ready.wait()
        if cell.submission is not None:
            if cell.external is None:
                cell.submission.close()
            cell.submission = None
        if cell.starting is not None:
            cell.release.set()
            cell.starting.join()
            cell.starting = None
        if cell.started is not None:
            cell.seconds += time.monotonic() - cell.started
            cell.started = None

    def close(self) -> None:
        self._end(self.current)
        self.current = None
        for cell in self.cells.values():
            self._end(cell)

    # -- fixtures the hidden suites use
    @pytest.fixture
    def student(self, request):
        cell = self._cell(request.node)
        if cell.load_error is not None:
            pytest.skip("the notebook's definitions could not be loaded")
        return cell.submission

    @pytest.fixture
    def rng(self, request):
        cell = self._cell(request.node)
        return np.random.default_rng(seed_for(*self.seed_parts, cell.cell.grade_id, request.node.name))

    # -- hooks
    def pytest_collection_modifyitems(self, items):
        # the tests of one cell run together, cells in the notebook's order
        items.sort(key=lambda item: self._cell(item).order)
        self.sequence = sorted({id(self._cell(i)): self._cell(i) for i in items}.values(), key=lambda c: c.order)
        for item in items:
            marker = item.get_closest_marker("weight")
            w = float(marker.args[0]) if marker and marker.args else 1.0
            doc = (item.obj.__doc__ or "").strip().splitlines()
            label = doc[0].strip() if doc else item.name.removeprefix("test_").replace("_", " ")
            self._cell(item).items[item.nodeid] = (label, w)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        cell = self._cell(item)
        if cell is not self.current:
            self._end(self.current)
            self.current = cell
            self._begin(cell)

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

    def pytest_sessionfinish(self, session):
        self.close()

    # -- the outcome
    def result(self, cell: _Cell) -> CellResult:
        res = CellResult(grade_id=cell.cell.grade_id, points=float(cell.cell.points), seconds=cell.seconds)
        if cell.load_error is not None:
            res.tests.append(TestResult(name="load", doc="your notebook's definitions load", weight=1.0,
                                        passed=False, message=str(cell.load_error)))
            return res
        for nodeid, (label, w) in cell.items.items():
            passed = self.outcomes.get(nodeid, False)
            msg = "" if passed else _describe(self.errors[nodeid]) if nodeid in self.errors else "Not run."
            res.tests.append(TestResult(name=nodeid.split("::")[-1], doc=label, weight=w, passed=passed,
                                        message=msg))
        if cell.load_problems:
            res.notes.append("while loading your notebook's definitions: " + "; ".join(cell.load_problems[:5]))
        if cell.sandboxed is False:
            res.notes.append("graded without a sandbox")
        return res


def _forget_modules_under(folder: str) -> None:
    folder = os.path.abspath(folder) + os.sep
    for name, mod in list(sys.modules.items()):
        path = getattr(mod, "__file__", None)
        if path and os.path.abspath(path).startswith(folder):
            del sys.modules[name]


# the suite folders whose modules this process has imported
_SUITE_FOLDERS: set[str] = set()


def _suites_of(folder: str) -> None:
    """Make pytest import the suite modules of ``folder`` afresh for this session.

    Every notebook's session gets modules of its own: a suite may keep state in a module
    global for the length of one session (11-deep-network trains the student's classifier
    once and lets four accuracy tests read the result), and a module kept from an earlier
    notebook would hand that state to the next student.  Suites of different lessons also
    share file names (``test_sigmoid.py``), which pytest imports under the same module name.
    So the suite modules of every folder this process has graded with are forgotten before
    each session.  pytest then reads and compiles the suites again (grading processes write no
    bytecode): 0.2-0.6 s of CPU per 40 notebooks of 04-backprop, measured.
    """
    _SUITE_FOLDERS.add(os.path.abspath(folder))
    for loaded in _SUITE_FOLDERS:
        _forget_modules_under(loaded)


def _sessions(cells: list[_Cell]) -> list[list[_Cell]]:
    """Split cells so that no session names one suite twice (pytest would collect it once)."""
    out: list[list[_Cell]] = []
    for cell in cells:
        for group in out:
            if all(c.suite != cell.suite for c in group):
                group.append(cell)
                break
        else:
            out.append([cell])
    return out


def _run_session(cells: list[_Cell], code_cells, copy_dir: str, lesson: Lesson,
                 seed_parts: tuple[str, ...], shared: dict | None = None) -> list[CellResult]:
    plugin = _Session(cells, code_cells, copy_dir, lesson, seed_parts, shared)
    args = [c.suite for c in cells] + ["--rootdir", lesson.path] + PYTEST_ARGS
    sink = io.StringIO()
    _suites_of(lesson.path)
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = pytest.main(args, plugins=[plugin])
    finally:
        plugin.close()
    if plugin.collect_errors or code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR,
                                         pytest.ExitCode.INTERRUPTED):
        raise SuiteError(f"hidden suites {', '.join(c.suite for c in cells)} could not run "
                         f"(pytest exit {int(code)}):\n" + "\n".join(plugin.collect_errors)
                         + sink.getvalue()[-2000:])
    for cell in cells:
        if not cell.items:
            raise SuiteError(f"hidden suite {cell.suite} has no tests")
    return [plugin.result(cell) for cell in cells]


_HEAP_FROZEN: list[bool] = []


def freeze_heap_once() -> None:
    """Leave what this process holds before its first grading out of every later garbage collection.

    A grading process is mostly long-lived modules (nbgrader's, Jupyter's, SQLAlchemy's: a
    million objects in ``nbgrader autograde``), which a full collection walks every time the
    allocations of a pytest session trigger one: 70 ms of a notebook's 0.3 s. Frozen once, they
    are never walked again; what the sessions allocate is collected as before.
    """
    if not _HEAP_FROZEN and not _in_jupyter_server():
        _HEAP_FROZEN.append(True)
        gc.freeze()


def _in_jupyter_server() -> bool:
    """Whether this process is a Jupyter server (the formgrader autogrades in it): a server lives
    on, and frozen objects that later become cyclic garbage would never be freed."""
    server = sys.modules.get("jupyter_server.serverapp")
    return server is not None and server.ServerApp.initialized()


def grade_cells(lesson: Lesson, code_cells: list[tuple[int, str]], cells: list[GradeCell],
                student_id: str, secret: str, submission_key: str = "",
                workspace: str | None = None) -> list[CellResult]:
    """Score each of ``cells`` by its hidden suite against ``code_cells``.

    ``code_cells`` is ``[(index, source), ...]`` in notebook order; returns
    one :class:`CellResult` per grade cell, in the order of ``cells``.
    ``submission_key`` (a digest of the submitted code, see
    :func:`submission_key`) seeds the hidden inputs with the course secret and
    the student: a resubmission draws new inputs, a regrade the same ones.
    """
    state = [_Cell(i, cell, lesson.suite_for(cell.grade_id, cell.source)) for i, cell in enumerate(cells)]
    if not state:
        return []
    freeze_heap_once()
    copy = nncourse_copy(lesson.protect, workspace)
    seed_parts = (secret, student_id, lesson.name) + ((submission_key,) if submission_key else ())
    shared = {"load_timeout": None}
    results: dict[int, CellResult] = {}
    for group in _sessions(state):
        for cell, res in zip(group, _run_session(group, code_cells, copy, lesson, seed_parts, shared)):
            results[cell.order] = res
    return [results[i] for i in range(len(state))]


def submission_key(code_cells: list[tuple[int, str]]) -> str:
    """A digest of the submitted code cells (what the student wrote, in order)."""
    h = hashlib.sha256()
    for index, source in code_cells:
        h.update(f"{index}\x1f{source}\x1e".encode())
    return h.hexdigest()


def run_suite(suite: str, submission: Submission, grade_id: str, points: float,
              seed_parts: tuple[str, ...]) -> CellResult:
    """Run the hidden suite ``suite`` against a worker the caller owns (and closes).

    :func:`grade_cells` starts a fresh worker for every graded cell; the
    mutation and verdict tools instead grade many answers or student ids with
    one worker, through this function.  The hidden inputs are drawn exactly as
    in :func:`grade_cells` for the same ``seed_parts`` and ``grade_id``.
    """
    from types import SimpleNamespace

    cell = _Cell(0, GradeCell(grade_id, "", points), suite)
    cell.external = submission
    lesson = SimpleNamespace(path=os.path.dirname(cell.suite), limits=None, name="")
    (result,) = _run_session([cell], [], "", lesson, seed_parts)
    return result
