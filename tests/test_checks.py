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
  (a bug of the self-check, kept visible as a strict xfail until it is fixed);
* optionally ``FORM_ONLY``: exercises whose self-check looks at the answer's
  form only (a question whose value grading judges), so one ✓ line suffices;
* optionally ``APART``: exercise -> why its catalogue is not run here (a check
  that trains a network, say); its own tests are at the end of this file.

On the solution and on every correct alternative each self-check must pass,
printing a ✓ line per check and the closing note; on every mistake it must
raise :class:`~nncourse.checks.CheckFailed` (nothing else: a ``TypeError``
from deep inside the check is not a useful message) that says what was
checked, with a hint; and it must let the released notebook's unfinished exercises'
``NotImplementedError`` through.  Notebook namespaces are built by the
grading worker's own loader, so the self-checks are tested on what grading
builds: every answer gets a namespace of its own in which the notebook's
functions and classes are defined again, so a mistake that redefines one
helper changes every function that calls it, as it does in grading.
"""

from __future__ import annotations

import ast
import copy
import glob
import importlib.util
import os

import nbformat
import numpy as np
import pytest

from nncourse.checks import FINAL_NOTE, CheckFailed
from nncourse.grading.cells import student_cells
from nncourse.grading.worker import Worker, transform_cell

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


def _is_apart(lesson: str, exercise: str) -> bool:
    """Is the exercise's catalogue not run by the harness: a conceptual question (suite ``test_q_<exercise>.py``,
    whose self-check ``concepts.answer`` is tested at the end of this file), or one the table sets ``APART``?"""
    return (os.path.isfile(os.path.join(_catalogue_dir(lesson), f"test_q_{exercise}.py"))
            or exercise in getattr(TABLE[lesson], "APART", {}))


def _entries(kind: str):
    """``(lesson, exercise, name)`` of every file in ``autograder/<lesson>/<kind>/<exercise>/<name>.py``."""
    out = []
    for lesson in TABLE:
        for path in sorted(glob.glob(os.path.join(_catalogue_dir(lesson), kind, "*", "*.py"))):
            exercise = os.path.basename(os.path.dirname(path))
            if not _is_apart(lesson, exercise):
                out.append((lesson, exercise, os.path.basename(path)[:-3]))
    return out


def _param(lesson, *parts):
    return pytest.param(lesson, *parts, id=f"{lesson}:{'/'.join(parts)}")


_NAMESPACES: dict[tuple[str, str], tuple[dict, list[dict]]] = {}
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _loaded(folder: str, lesson: str) -> tuple[dict, list[dict]]:
    """``(namespace, definitions)`` of ``<folder>/<lesson>/<lesson>.ipynb`` as grading loads it, once per process.

    The namespace is what the worker's own loader
    (:meth:`nncourse.grading.worker.Worker.load`) makes of the student's
    cells (:func:`nncourse.grading.cells.student_cells`): their
    top-level imports, definitions and assignments.  ``definitions`` are
    those cells cut down to their ``def`` and ``class`` statements.
    """
    if (folder, lesson) not in _NAMESPACES:
        nb = nbformat.read(os.path.join(REPO, folder, lesson, f"{lesson}.ipynb"), as_version=4)
        cells = [{"index": i, "source": source} for i, source in student_cells(nb)]
        worker = Worker(None, None)
        report = worker.load(cells, STATEMENT_TIMEOUT)
        assert report["problems"] == [], f"{folder}/{lesson} does not load cleanly: {report['problems']}"
        definitions = []
        for cell in cells:
            body = [node for node in ast.parse(transform_cell(cell["source"])).body if isinstance(node, _DEFINITIONS)]
            if body:
                definitions.append({"index": cell["index"], "source": ast.unparse(ast.Module(body, []))})
        _NAMESPACES[folder, lesson] = worker.ns, definitions
    return _NAMESPACES[folder, lesson]


def notebook_namespace(folder: str, lesson: str) -> dict:
    """What grading loads of ``<folder>/<lesson>/<lesson>.ipynb`` (see :func:`_loaded`)."""
    return _loaded(folder, lesson)[0]


def solution_namespace(lesson: str) -> dict:
    return notebook_namespace("solutions", lesson)


def _own_copy(value):
    """Arrays and containers copied, so that an answer that changes a notebook global changes only its own."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, dict)):
        try:
            return copy.deepcopy(value)
        except Exception:  # noqa: BLE001 - a container of something that cannot be copied is shared
            return value
    return value


def answer_namespace(lesson: str, kind: str, exercise: str, name: str) -> dict:
    """What grading loads when one catalogue entry is the student's answer: the solution's cells, then the entry.

    The solution's assignments are not run again (the values are copied); its
    functions and classes are defined again in the new namespace, so that they
    look up the names the entry redefines, as in grading.
    """
    base, definitions = _loaded("solutions", lesson)
    worker = Worker(None, None)
    worker.ns.update({key: _own_copy(value) for key, value in base.items() if not key.startswith("__")})
    path = os.path.join(_catalogue_dir(lesson), kind, exercise, f"{name}.py")
    with open(path, encoding="utf-8") as fh:
        answer = {"index": 10_000, "source": fh.read()}
    report = worker.load(definitions + [answer], STATEMENT_TIMEOUT)
    assert report["problems"] == [], f"{lesson}: {kind}/{exercise}/{name}.py does not load: {report['problems']}"
    return worker.ns


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
    ticks = 1 if exercise in getattr(TABLE[lesson], "FORM_ONLY", ()) else 2
    assert len(lines) >= ticks + 1 and all(line.startswith("\u2713 ") for line in lines[:-1]), out
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
                if os.path.isdir(folder) and not _is_apart(lesson, os.path.basename(folder)):
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


def test_autodiff_unanswered_question_is_not_implemented():
    """Does Question A left at None fail like an unfinished exercise, not with a TypeError?"""
    from nncourse.checks import autodiff

    with pytest.raises(NotImplementedError, match="Question A is not answered yet"):
        autodiff.fan_out_question(None)


def test_autodiff_fan_out_question_rejects_unknown_names_and_strings():
    from nncourse.checks import autodiff

    with pytest.raises(CheckFailed, match="not node names"):
        autodiff.fan_out_question(["x", "z"])
    with pytest.raises(CheckFailed, match="list of node names"):
        autodiff.fan_out_question("a, x")


# 11-deep-network: the questions (form only) and build_and_train (trains), set APART in its table

def test_deepnet_questions_accept_well_formed_answers_and_leave_the_verdict_to_grading(capsys):
    """Do well-formed answers pass (right or wrong), with a note that grading judges them?"""
    from nncourse.checks import deepnet

    deepnet.questions(1.41, "a", "d")
    out = capsys.readouterr().out
    assert out.count("\u2713 ") == 3 and "grading checks whether they are right" in out


@pytest.mark.parametrize("answers, words", [
    (("log 26", "c", "b"), "Q1_INITIAL_LOSS"),
    ((3.26, "e", "b"), "Q2_CANNOT_OVERFIT"),
    ((3.26, "c", 2), "Q3_RATIO"),
])
def test_deepnet_questions_reject_malformed_answers(answers, words):
    from nncourse.checks import deepnet

    with pytest.raises(CheckFailed) as info:
        deepnet.questions(*answers)
    assert words in str(info.value)


def test_deepnet_unanswered_questions_are_not_implemented():
    from nncourse.checks import deepnet

    with pytest.raises(NotImplementedError, match="Q2_CANNOT_OVERFIT"):
        deepnet.questions(3.26, None, "b")


def _small_split(ns):
    return ns["X_train"][:200], ns["y_train"][:200], ns["X_val"][:100], ns["y_val"][:100]


@pytest.mark.parametrize("name, words", [
    ("untrained", "hardly better than guessing"),
    ("predict_scores", "expected shape (100,)"),
    ("argmax_wrong_axis", "expected shape (100,)"),
    ("no_return", "returned None"),
    ("returns_an_object", "a Model object"),
])
def test_deepnet_build_and_train_mistakes_fail(name, words):
    """Do cheap wrong answers of build_and_train fail its self-check with a message that names the problem?"""
    from nncourse.checks import deepnet

    ns = answer_namespace("11-deep-network", "mistakes", "build_and_train", name)
    if name in ("predict_scores", "argmax_wrong_axis", "no_return"):
        ns["train"] = lambda params, *a, **k: {"loss": []}      # keep the test fast: no training
    with pytest.raises(CheckFailed) as info:
        deepnet.build_and_train(ns["build_and_train"], ns["predict"], *_small_split(ns))
    assert words in str(info.value)


def test_deepnet_build_and_train_passes_a_quick_honest_model(capsys):
    """A short but real training run passes the self-check and reports its validation accuracy."""
    from nncourse.checks import deepnet

    ns = solution_namespace("11-deep-network")

    def build(X, y, seed):
        rng = np.random.default_rng(seed)
        params = ns["init_params"]([64, 64, 10], rng)
        ns["train"](params, X, y, rng, epochs=20, batch_size=32, lr=3e-3)
        return params

    deepnet.build_and_train(build, ns["predict"], *_small_split(ns))
    out = capsys.readouterr().out
    assert "validation accuracy 0." in out and out.strip().endswith(FINAL_NOTE)


# -- conceptual questions (``test_q_*.py`` suites): ``concepts.answer`` checks the form, and only the form

@pytest.mark.parametrize("value, kind, choices", [
    (412, "integer", None), (412.0, "integer", None), (np.int64(3), "integer", None),
    (0.2231, "number", None), (np.float64(-1.5), "number", None), (7, "number", None),
    ("B", "choice", "ABCD"), ("b", "choice", "ABCD"), (" C ", "choice", "ABCD"),
])
def test_concepts_well_formed_answers_pass_whatever_their_value(value, kind, choices, capsys):
    """Does any well-formed answer pass, right or wrong (its value is graded after submission)?"""
    from nncourse.checks import concepts

    concepts.answer("q", value, kind=kind, choices=choices)
    out = capsys.readouterr().out
    assert out.startswith("\u2713 `q`") and "graded after you submit" in out


@pytest.mark.parametrize("value, kind, choices, words", [
    ("412", "integer", None, "expected a number"),
    (True, "number", None, "expected a number"),
    (412.5, "integer", None, "whole number"),
    ("E", "choice", "ABCD", "one of the letters A, B, C, D"),
    (2, "choice", "ABCD", "one of the letters"),
    (["B"], "choice", "ABCD", "one of the letters"),
])
def test_concepts_malformed_answers_fail_with_what_and_a_hint(value, kind, choices, words):
    from nncourse.checks import concepts

    with pytest.raises(CheckFailed) as info:
        concepts.answer("q", value, kind=kind, choices=choices)
    text = str(info.value)
    assert text.startswith("`q`:") and words in text and "Hint:" in text


@pytest.mark.parametrize("value", [None, ...])
def test_concepts_an_unanswered_question_is_unfinished_work(value):
    """The release sets each answer to None: its check fails like an unfinished exercise."""
    from nncourse.checks import concepts

    with pytest.raises(NotImplementedError, match="no answer yet"):
        concepts.answer("q", value, kind="number")
