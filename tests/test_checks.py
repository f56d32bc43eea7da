"""Do the lessons' self-checks (``nncourse.checks.<topic>``) help students?

One harness for every lesson; each lesson has a small table in
``tests/checks_tables/<lesson>.py`` (see CONTRIBUTING.md) with

* ``CHECKS``: exercise -> (names the notebook defines for it, the self-check
  that takes them), the exercise being the ``grade_id`` of its grade cell and
  the folder of its entries in ``autograder/<lesson>/mistakes`` and
  ``alternatives``;
* ``UNSEEN_BY_SELF_CHECK``: ``"exercise/mistake"`` entries of the catalogue that
  the self-check cannot see on its small examples (the hidden suites catch them);
* ``HINTS``: ``"exercise/mistake"`` -> words the self-check's message must contain;
* optionally ``KNOWN_RAW_ERRORS``: ``"exercise/mistake"`` -> the exception the
  self-check still lets through instead of a :class:`~nncourse.checks.CheckFailed`
  (a bug of the self-check, kept visible as a strict xfail until it is fixed).

On the solution and on every correct alternative each self-check must pass,
printing a ✓ line per check and the closing note; on every mistake it must
raise :class:`~nncourse.checks.CheckFailed` (nothing else: a ``TypeError``
from deep inside the check is not a useful message) that says what was
checked, with a hint; and it must let the released notebook's unfinished exercises'
``NotImplementedError`` through.  Notebook namespaces are built by the
grading worker's own loader, so the self-checks are tested on what grading
builds.
"""

from __future__ import annotations

import glob
import importlib.util
import os

import nbformat
import numpy as np
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.grading.worker import Worker

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(REPO, "tests", "checks_tables")
STATEMENT_TIMEOUT = 60  # seconds per top-level statement; grading allows less, on a machine of its own


def _load_table(path: str):
    lesson = os.path.basename(path)[:-3]
    spec = importlib.util.spec_from_file_location(f"checks_table_{lesson.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for attr in ("CHECKS", "UNSEEN_BY_SELF_CHECK", "HINTS"):
        if not hasattr(module, attr):
            raise AttributeError(f"{path} must define {attr} (see CONTRIBUTING.md)")
    return lesson, module


TABLE = dict(_load_table(p) for p in sorted(glob.glob(os.path.join(TABLES, "*.py"))))


def _catalogue_dir(lesson: str) -> str:
    return os.path.join(REPO, "autograder", lesson)


def _is_question(lesson: str, exercise: str) -> bool:
    """A conceptual question (suite ``test_q_<exercise>.py``): its self-check looks at the answer's form only,
    tested in test_checks_concepts.py."""
    return os.path.isfile(os.path.join(_catalogue_dir(lesson), f"test_q_{exercise}.py"))


def _entries(kind: str):
    """``(lesson, exercise, name)`` of every file in ``autograder/<lesson>/<kind>/<exercise>/<name>.py``."""
    out = []
    for lesson in TABLE:
        for path in sorted(glob.glob(os.path.join(_catalogue_dir(lesson), kind, "*", "*.py"))):
            exercise = os.path.basename(os.path.dirname(path))
            if not _is_question(lesson, exercise):
                out.append((lesson, exercise, os.path.basename(path)[:-3]))
    return out


def _param(lesson, *parts):
    return pytest.param(lesson, *parts, id=f"{lesson}:{'/'.join(parts)}")


_NAMESPACES: dict[tuple[str, str], dict] = {}


def notebook_namespace(folder: str, lesson: str) -> dict:
    """What grading loads of ``<folder>/<lesson>/<lesson>.ipynb``: every code cell but the grade cells.

    Loaded once per test process by the worker's own loader
    (:meth:`nncourse.grading.worker.Worker.load`), which runs only the
    top-level definitions, imports and assignments of each cell.
    """
    if (folder, lesson) not in _NAMESPACES:
        nb = nbformat.read(os.path.join(REPO, folder, lesson, f"{lesson}.ipynb"), as_version=4)
        cells = [{"index": i, "source": cell.source} for i, cell in enumerate(nb.cells)
                 if cell.cell_type == "code" and not (cell.metadata.get("nbgrader") or {}).get("grade")]
        worker = Worker(None, None)
        report = worker.load(cells, STATEMENT_TIMEOUT)
        assert report["problems"] == [], f"{folder}/{lesson} does not load cleanly: {report['problems']}"
        _NAMESPACES[folder, lesson] = worker.ns
    return _NAMESPACES[folder, lesson]


def solution_namespace(lesson: str) -> dict:
    return notebook_namespace("solutions", lesson)


def answer_namespace(lesson: str, kind: str, exercise: str, name: str) -> dict:
    """The solution's namespace with one catalogue entry's code run over it, as a student's cell would be."""
    ns = dict(solution_namespace(lesson))
    path = os.path.join(_catalogue_dir(lesson), kind, exercise, f"{name}.py")
    with open(path, encoding="utf-8") as fh:
        exec(compile(fh.read(), path, "exec"), ns)
    return ns


def run_check(lesson: str, exercise: str, ns: dict) -> None:
    names, check = TABLE[lesson].CHECKS[exercise]
    check(*(ns[name] for name in names))


# -- every lesson ---------------------------------------------------------------------------

@pytest.mark.parametrize("lesson, exercise", [_param(lesson, ex) for lesson in TABLE for ex in TABLE[lesson].CHECKS])
def test_solution_passes_with_ticks_and_closing_note(lesson, exercise, capsys):
    """Does each self-check pass on the solution, printing ✓ lines and the closing note?"""
    run_check(lesson, exercise, solution_namespace(lesson))
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("\u2713 ") for line in lines[:-1]), out
    assert lines[-1] == FINAL_NOTE


@pytest.mark.parametrize("lesson, exercise, name", [_param(*e) for e in _entries("alternatives")])
def test_correct_alternatives_pass(lesson, exercise, name, capsys):
    """Does every correct alternative implementation pass its self-check?"""
    run_check(lesson, exercise, answer_namespace(lesson, "alternatives", exercise, name))
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


def _mistake_param(lesson, exercise, name):
    raw = getattr(TABLE[lesson], "KNOWN_RAW_ERRORS", {}).get(f"{exercise}/{name}")
    marks = [pytest.mark.xfail(strict=True, reason=f"the self-check lets {raw} through")] if raw else []
    return pytest.param(lesson, exercise, name, id=f"{lesson}:{exercise}/{name}", marks=marks)


@pytest.mark.parametrize("lesson, exercise, name", [_mistake_param(*e) for e in _entries("mistakes")])
def test_mistakes_fail_with_a_useful_message(lesson, exercise, name, capsys):
    """Does a known-wrong implementation fail its self-check with CheckFailed, saying what, and a hint?

    Any other exception (a ``TypeError`` from inside the check, a
    ``NotImplementedError``) fails this test: the student would see a
    traceback instead of advice.  A mistake listed as unseen must pass.
    """
    ns = answer_namespace(lesson, "mistakes", exercise, name)
    if f"{exercise}/{name}" in TABLE[lesson].UNSEEN_BY_SELF_CHECK:
        run_check(lesson, exercise, ns)
        return
    with pytest.raises(CheckFailed) as info:
        run_check(lesson, exercise, ns)
    text = str(info.value)
    assert ":" in text.splitlines()[0], text
    assert "Hint:" in text, text
    assert FINAL_NOTE not in capsys.readouterr().out


@pytest.mark.parametrize("lesson, mistake", [_param(lesson, m) for lesson in TABLE for m in TABLE[lesson].HINTS])
def test_hints_name_the_mistake(lesson, mistake):
    """Does the message point at the actual mistake?"""
    exercise, name = mistake.split("/")
    with pytest.raises(CheckFailed) as info:
        run_check(lesson, exercise, answer_namespace(lesson, "mistakes", exercise, name))
    assert TABLE[lesson].HINTS[mistake] in str(info.value)


@pytest.mark.parametrize("lesson, exercise", [_param(lesson, ex) for lesson in TABLE for ex in TABLE[lesson].CHECKS])
def test_not_implemented_propagates(lesson, exercise):
    """Does the released, unfinished exercise make its self-check cell fail with NotImplementedError?"""
    with pytest.raises(NotImplementedError):
        run_check(lesson, exercise, notebook_namespace("lessons", lesson))


def test_every_table_names_real_exercises_and_entries():
    """Does every table entry point at a folder and file that exist, so no row silently tests nothing?"""
    for lesson, table in TABLE.items():
        assert os.path.isfile(os.path.join(REPO, "solutions", lesson, f"{lesson}.ipynb")), lesson
        for key in set(table.UNSEEN_BY_SELF_CHECK) | set(table.HINTS) | set(getattr(table, "KNOWN_RAW_ERRORS", {})):
            exercise, name = key.split("/")
            assert exercise in table.CHECKS, f"{lesson}: {key} names no exercise of CHECKS"
            path = os.path.join(_catalogue_dir(lesson), "mistakes", exercise, f"{name}.py")
            assert os.path.isfile(path), f"{lesson}: {key} has no file {path}"
        for kind in ("mistakes", "alternatives"):
            for folder in glob.glob(os.path.join(_catalogue_dir(lesson), kind, "*")):
                if os.path.isdir(folder) and not _is_question(lesson, os.path.basename(folder)):
                    assert os.path.basename(folder) in table.CHECKS, f"{lesson}: {folder} has no self-check in CHECKS"


def test_check_failed_is_an_assertion_error_and_the_note_says_so():
    """Does nbgrader's Validate see a failed self-check as a failing cell, and does the note say grading differs?"""
    assert issubclass(CheckFailed, AssertionError)
    assert "grading" in FINAL_NOTE and "first check" in FINAL_NOTE


# -- particular to one lesson ------------------------------------------------------------------

def test_activations_a_warning_alone_fails_the_check():
    """Is the textbook 1 / (1 + exp(-z)), right in value but warning at z = -1000, sent back with a hint?"""
    from nncourse.checks import activations

    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))

    def sigmoid_prime(z):
        s = sigmoid(z)
        return s * (1 - s)

    with pytest.raises(CheckFailed) as info:
        activations.sigmoid_functions(sigmoid, sigmoid_prime)
    assert "overflow" in str(info.value) and "Hint:" in str(info.value)


def test_xor_check_accepts_any_robust_weights(capsys):
    """Is the XOR check judged by the network's outputs, not by particular numbers?"""
    from nncourse.checks import xor

    def weights():
        return {"W1": np.array([[3.0, -2.0], [3.0, -2.0]]), "b1": np.array([-1.5, 3.0]),
                "W2": np.array([[4.0], [4.0]]), "b2": np.array([-6.0])}    # OR, NAND, then AND

    xor.xor_weights(weights)
    assert capsys.readouterr().out.strip().endswith(FINAL_NOTE)


def _ng(f, x, h):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        fp = f(x)
        x[idx] = old - h
        g[idx] = (fp - f(x)) / (2 * h)
        x[idx] = old
    return g


def _one_sided(f, x, h=1e-5):
    g = np.zeros(x.shape)
    base = f(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        g[idx] = (f(x) - base) / h
        x[idx] = old
    return g


def _no_restore(f, x, h=1e-5):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += h
        fp = f(x)
        x[idx] -= 2 * h
        g[idx] = (fp - f(x)) / (2 * h)
    return g


def _on_a_copy(f, x, h=1e-5):
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def _fixed_h(f, x, h=1e-5):
    return _ng(f, x, 1e-5)


@pytest.mark.parametrize("wrong, words", [(_one_sided, "one-sided"), (_no_restore, "back"),
                                          (_on_a_copy, "in place"), (_fixed_h, "step h")],
                         ids=["one-sided", "no restore", "copy", "fixed h"])
def test_gradcheck_numerical_gradient_check_names_the_mistake(wrong, words):
    """Does the (ungraded) numerical_gradient self-check reject the classic mistakes, naming them?"""
    from nncourse.checks import gradcheck

    with pytest.raises(CheckFailed) as info:
        gradcheck.numerical_gradient(wrong)
    assert words in str(info.value)


def test_overfitting_stored_reference_instead_of_copy_is_caught():
    """Does the self-check catch a checkpoint that keeps the live arrays (the hidden tests cannot)?"""
    from nncourse.checks import overfitting

    class EarlyStopping:
        def __init__(self, patience):
            self.patience, self.best_loss, self.best_epoch = patience, np.inf, None
            self.best_params, self.wait = None, 0

        def update(self, epoch, val_loss, params):
            if val_loss < self.best_loss:
                self.best_loss, self.best_epoch, self.best_params, self.wait = val_loss, epoch, params, 0
                return False
            self.wait += 1
            return self.wait >= self.patience

    with pytest.raises(CheckFailed) as info:
        overfitting.early_stopping(EarlyStopping)
    assert "copies" in str(info.value)
