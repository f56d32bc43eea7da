"""Mutation testing of the hidden suites: how many small bugs does each suite catch?

For each exercise (an autograded cell, e.g. ``04-backprop/linear``) the
reference definitions are taken from ``solutions/<lesson>/<lesson>.ipynb``
(the names an exercise defines are those its catalogued alternatives
define).  :func:`mutants` derives from their AST every single small change
of these kinds:

``operator``   ``+ - * / // % ** @`` swapped, and/or swapped, a binary
               operation replaced by one of its operands, a unary minus dropped;
``constant``   a number ``c`` replaced by ``c + 1`` and by ``0`` (``1`` for ``0``);
``comparison`` ``<`` / ``<=``, ``>`` / ``>=``, ``==`` / ``!=``, ``<`` / ``>`` ...;
``axis``       ``axis=k`` dropped or changed, ``keepdims=True`` dropped;
``slice``      a slice bound moved by one;
``call``       ``sum``/``mean``, ``max``/``min``, ``maximum``/``minimum``,
               ``argmax``/``argmin`` swapped, ``.T`` dropped;
``in-place``   ``x = x OP y`` turned into ``x OP= y``, ``x.copy()`` /
               ``np.copy(x)`` / ``np.array(x, copy=True)`` turned into ``x``.

Each mutant is first run in this process through the worker's own code path
(:class:`InProcess`: the same :class:`~.worker.Worker`, without a sandbox) by
the same suite, with the same seeds, as the reference.  A mutant whose every
answer (value and side effects) equals the reference's is *equivalent* and
dropped: no test could tell it apart.  Every other mutant is graded through
the real engine (:func:`nncourse.cli.try_answer`: sandboxed worker) and is
*killed* when it loses points.  Both runs use the lesson's ``[limits]``
(11's ``build_and_train`` trains for seconds under a 60 s call limit).  An
exercise graded by what the answer reaches rather than by agreement with the
reference (its suite says ``OPEN_ENDED = True``) counts a mutant that still
earns full marks in process as a valid answer, dropped like an equivalent one.

``python -m nncourse.grading.mutate [LESSON[/EXERCISE] ...]`` prints the table
and writes ``build/power.json`` (with the surviving mutants, to strengthen
the suites).
"""

from __future__ import annotations

import argparse
import ast
import copy
import glob
import json
import math
import os
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from . import wire
from .remote import BadAnswer, MissingDefinition, StudentError, StudentTimeout, Submission
from .testing import _allowed

STUDENT = "try"
SECRET = "nncourse-try"


# -- which code is an exercise's -------------------------------------------

def exercise_names(root: str, lesson: str, exercise: str) -> list[str]:
    """The top-level names the catalogued alternatives of ``exercise`` define, first seen first.

    The union over all of them: an alternative may redefine only part of an
    exercise (09's ``tensor_ops`` has one with ``add`` and ``mul`` but not
    ``unbroadcast``).  Helpers of one alternative (``_lse``, ``affine``) are
    dropped later by :func:`reference_source` when the solution lacks them.
    """
    names: list[str] = []
    for path in sorted(glob.glob(os.path.join(root, "autograder", lesson, "alternatives", exercise, "*.py"))):
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name not in names \
                    and not node.name.startswith("_"):
                names.append(node.name)
    return names


def exercises(root: str, lesson: str) -> list[str]:
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, "autograder", lesson, "alternatives", "*"))
                  if os.path.isdir(p))


def reference_source(root: str, lesson: str, names: list[str]) -> str:
    """The solution notebook's (last) definitions of ``names``, as one module's source.

    Names the solution does not define (an alternative's own helper) are left out.
    """
    from nncourse.cli import _source_notebook

    nb = _source_notebook(root, lesson)
    found: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names:
                found[node.name] = ast.get_source_segment(cell.source, node)
    if names and not found:
        raise SystemExit(f"mutate: solutions/{lesson} defines none of {names}")
    return "\n\n\n".join(found.values()) + "\n"      # in the solution's order


# -- mutants ---------------------------------------------------------------

BINOPS = {ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult],
          ast.Pow: [ast.Mult], ast.FloorDiv: [ast.Div], ast.Mod: [ast.FloorDiv], ast.MatMult: [ast.Mult]}
CMPOPS = {ast.Lt: [ast.LtE, ast.Gt], ast.LtE: [ast.Lt], ast.Gt: [ast.GtE, ast.Lt], ast.GtE: [ast.Gt],
          ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.Is: [ast.IsNot], ast.IsNot: [ast.Is],
          ast.In: [ast.NotIn], ast.NotIn: [ast.In]}
SWAPS = {"sum": "mean", "mean": "sum", "max": "min", "min": "max", "maximum": "minimum", "minimum": "maximum",
         "argmax": "argmin", "argmin": "argmax", "amax": "amin", "amin": "amax"}


INPLACE = {ast.Add: "iadd", ast.Sub: "isub", ast.Mult: "imul", ast.Div: "itruediv"}


def _holds_input(node, parents) -> bool:
    """True for a parameter of the enclosing function, or an attribute of ``self`` (what a caller passed in)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return True
    if not isinstance(node, ast.Name):
        return False
    p = parents.get(node)
    while p is not None and not isinstance(p, ast.FunctionDef):
        p = parents.get(p)
    return p is not None and node.id in {a.arg for a in p.args.args + p.args.kwonlyargs} and node.id != "self"


def _parents(tree):
    out = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            out[child] = node
    return out


def _replace(parents, node, new) -> None:
    parent = parents[node]
    for name, value in ast.iter_fields(parent):
        if value is node:
            setattr(parent, name, new)
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                if v is node:
                    value[i] = new
                    return
    raise ValueError("node not found in its parent")


def _is_docstring(parents, node) -> bool:
    parent = parents.get(node)
    return isinstance(parent, ast.Expr) and isinstance(node.value, str)


def _sites(node, parents):
    """``(kind, label, apply)`` for each mutation of ``node``; ``apply`` changes the tree in place."""
    out = []
    if isinstance(node, (ast.BinOp, ast.AugAssign)):
        for new in BINOPS.get(type(node.op), []):
            out.append(("operator", f"{type(node.op).__name__} -> {new.__name__}",
                        lambda n=node, c=new: setattr(n, "op", c())))
        if isinstance(node, ast.BinOp):
            out.append(("operator", "keep left operand only", lambda n=node: _replace(parents, n, n.left)))
            out.append(("operator", "keep right operand only", lambda n=node: _replace(parents, n, n.right)))
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        out.append(("operator", f"{type(node.op).__name__} -> {new.__name__}",
                    lambda n=node, c=new: setattr(n, "op", c())))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        out.append(("operator", f"drop unary {type(node.op).__name__}", lambda n=node: _replace(parents, n, n.operand)))
    elif isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            for new in CMPOPS.get(type(op), []):
                out.append(("comparison", f"{type(op).__name__} -> {new.__name__}",
                            lambda n=node, i=i, c=new: n.ops.__setitem__(i, c())))
    elif isinstance(node, ast.Constant) and not _is_docstring(parents, node) and not (
            isinstance(parents.get(node), ast.keyword) and parents[node].arg == "axis"):
        v = node.value
        if isinstance(v, bool):
            out.append(("constant", f"{v} -> {not v}", lambda n=node: setattr(n, "value", not n.value)))
        elif isinstance(v, (int, float)):
            out.append(("constant", f"{v!r} -> {v + 1!r}", lambda n=node: setattr(n, "value", n.value + 1)))
            zero = 1 if v == 0 else 0
            out.append(("constant", f"{v!r} -> {zero}", lambda n=node, z=zero: setattr(n, "value", type(n.value)(z))))
    elif isinstance(node, ast.keyword) and node.arg == "axis":
        out.append(("axis", "drop axis=", lambda n=node: parents[n].keywords.remove(n)))
        if isinstance(node.value, ast.Constant) and node.value.value in (0, 1):
            out.append(("axis", f"axis={node.value.value} -> {1 - node.value.value}",
                        lambda n=node: setattr(n.value, "value", 1 - n.value.value)))
        out.append(("axis", "axis -> -1", lambda n=node: setattr(n, "value", ast.Constant(-1))))
    elif isinstance(node, ast.keyword) and node.arg == "keepdims":
        out.append(("axis", "drop keepdims=", lambda n=node: parents[n].keywords.remove(n)))
    elif isinstance(node, ast.Slice):
        for bound in ("lower", "upper"):
            value = getattr(node, bound)
            if value is None:
                new = ast.Constant(1 if bound == "lower" else -1)
                out.append(("slice", f"{bound} bound None -> {new.value}",
                            lambda n=node, b=bound, v=new: setattr(n, b, v)))
            else:
                out.append(("slice", f"{bound} bound + 1",
                            lambda n=node, b=bound: setattr(n, b, ast.BinOp(getattr(n, b), ast.Add(),
                                                                            ast.Constant(1)))))
    elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
        if node.attr in SWAPS:
            out.append(("call", f".{node.attr} -> .{SWAPS[node.attr]}",
                        lambda n=node: setattr(n, "attr", SWAPS[n.attr])))
        elif node.attr == "T":
            out.append(("call", "drop .T", lambda n=node: _replace(parents, n, n.value)))
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in ("sum", "max", "min") \
            and isinstance(parents.get(node), ast.Call) and parents[node].func is node:
        out.append(("call", f"{node.id} -> {SWAPS[node.id]}", lambda n=node: setattr(n, "id", SWAPS[n.id])))
    if isinstance(node, ast.BinOp) and type(node.op) in INPLACE and _holds_input(node.left, parents):
        def inplace(n=node):
            call = ast.Call(func=ast.Attribute(value=ast.Call(func=ast.Name("__import__", ast.Load()),
                                                              args=[ast.Constant("operator")], keywords=[]),
                                               attr=INPLACE[type(n.op)], ctx=ast.Load()),
                            args=[n.left, n.right], keywords=[])
            _replace(parents, n, call)
        out.append(("in-place", f"{ast.unparse(node.left)} {type(node.op).__name__} ... computed in place",
                    inplace))
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in ("float", "int") and len(node.args) == 1:
            out.append(("dtype", f"drop {f.id}()", lambda n=node: _replace(parents, n, n.args[0])))
        if isinstance(f, ast.Attribute) and f.attr == "astype":
            out.append(("dtype", "drop .astype()", lambda n=node: _replace(parents, n, n.func.value)))
        if isinstance(f, ast.Attribute) and f.attr == "copy" and not node.args:
            out.append(("in-place", "drop .copy()", lambda n=node: _replace(parents, n, n.func.value)))
        elif isinstance(f, ast.Attribute) and f.attr in ("copy", "array") and len(node.args) == 1 and (
                f.attr == "copy" or any(k.arg == "copy" for k in node.keywords)):
            out.append(("in-place", f"drop np.{f.attr}(...) copy", lambda n=node: _replace(parents, n, n.args[0])))
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.BinOp) \
            and ast.unparse(node.targets[0]) == ast.unparse(node.value.left) \
            and isinstance(node.targets[0], (ast.Name, ast.Subscript, ast.Attribute)):
        def to_aug(n=node):
            target = copy.deepcopy(n.targets[0])
            target.ctx = ast.Store()
            _replace(parents, n, ast.AugAssign(target=target, op=n.value.op, value=n.value.right))
        out.append(("in-place", "x = x OP y -> x OP= y", to_aug))
    return out


@dataclass
class Mutant:
    index: int
    kind: str
    label: str
    line: int
    source: str
    status: str = ""          # "equivalent", "valid" (open-ended exercise, full marks), "killed", "survived"
    score: float | None = None
    detail: str = ""


def mutants(source: str) -> list[Mutant]:
    """Every single-site mutant of ``source`` (deduplicated by code), in source order."""
    base = ast.unparse(ast.parse(source))
    tree = ast.parse(source)
    count = sum(len(_sites(n, _parents(tree))) for n in ast.walk(tree))
    out, seen = [], {base}
    for k in range(count):
        tree = ast.parse(source)
        parents = _parents(tree)
        i = 0
        done = None
        for node in ast.walk(tree):
            for kind, label, apply in _sites(node, parents):
                if i == k:
                    line = getattr(node, "lineno", 0)
                    try:
                        apply()
                        ast.fix_missing_locations(tree)
                        done = (kind, label, line, ast.unparse(tree))
                    except (ValueError, AttributeError):
                        done = None
                i += 1
            if i > k:
                break
        if done is None:
            continue
        kind, label, line, code = done
        try:
            compile(code, "<mutant>", "exec")
        except SyntaxError:
            continue
        if code in seen:
            continue
        seen.add(code)
        out.append(Mutant(len(out) + 1, kind, label, line, code + "\n"))
    return out


# -- running a suite in this process ---------------------------------------

class _CallTimeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _CallTimeout()


class InProcess(Submission):
    """A :class:`Submission` whose worker runs in this process (no sandbox, no process).

    Used only for the reference solution and its mutants: trusted code.
    Records every answer in :attr:`log` as ``(op, name, answer)``.
    """

    def __init__(self, cells, call_seconds: float = 5.0, statement_seconds: float = 10.0):
        super().__init__(cells, copy_dir="", budget_seconds=None)
        self.call_seconds = call_seconds
        self.statement_seconds = statement_seconds
        self.worker = None
        self.log: list = []

    def _ensure(self) -> None:
        from .worker import Worker

        if self.worker is None:
            self.worker = Worker(None, None)
            self.starts += 1
            self.sandboxed = False
            old = signal.signal(signal.SIGALRM, _alarm)
            try:
                from .worker import _on_alarm
                signal.signal(signal.SIGALRM, _on_alarm)
                self.load_report = self.worker.load([{"index": i, "source": s} for i, s in self.cells],
                                                    self.statement_seconds)
            finally:
                signal.signal(signal.SIGALRM, old)
            self.proc = True  # for RemoteObject's liveness check

    def close(self) -> None:
        self.worker = None
        self.proc = None

    def request(self, op: str, name: str, *args, allow_alias=(), **kwargs):
        """As :meth:`Submission.request`; the logged answer leaves out the result aliases the suite allows.

        A result that is a view of an argument the statement allows it to be
        (``allow_alias``, e.g. ``mu`` as a block of ``raw``) is as right as a
        copy, so a mutant that only drops a ``.copy()`` there is equivalent.
        """
        start = len(self.log)
        try:
            return super().request(op, name, *args, allow_alias=allow_alias, **kwargs)
        finally:
            if allow_alias:
                for _, _, answer in self.log[start:]:
                    effects = answer.get("effects") if isinstance(answer, dict) else None
                    if isinstance(effects, dict) and isinstance(effects.get("result_aliases"), list):
                        effects["result_aliases"] = [e for e in effects["result_aliases"]
                                                     if not (isinstance(e, dict) and _allowed(e, allow_alias))]


    def _exchange(self, msg: dict, seconds: float, what: str):
        from .worker import _error

        msg = json.loads(json.dumps(msg, allow_nan=True))
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.call_seconds)
        try:
            answer = self.worker.handle(msg)
        except _CallTimeout:
            self.log.append((msg.get("op"), msg.get("name"), "timeout"))
            raise StudentTimeout(f"{what} took longer than {self.call_seconds:g} s") from None
        except BaseException as exc:  # noqa: BLE001
            answer = _error(exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        answer = json.loads(json.dumps(answer, allow_nan=True))
        self.log.append((msg.get("op"), msg.get("name"), answer))
        if "ok" in answer:
            self._answer_effects = answer.get("effects")
            try:
                return wire.decode(answer["ok"])
            except wire.WireError as exc:
                raise BadAnswer(str(exc)) from None
        if "missing" in answer:
            raise MissingDefinition(str(answer["missing"]))
        e = answer.get("error", {})
        raise StudentError(what, str(e.get("type")), str(e.get("message")), str(e.get("where")))


def _same(a, b) -> bool:
    """Answers equal up to 1e-9 relative (values, errors and side effects)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        if set(a) != set(b):
            return False
        if "__ndarray__" in a:
            x, y = wire.decode(a), wire.decode(b)
            return x.shape == y.shape and x.dtype == y.dtype and bool(
                np.all(np.isclose(x, y, rtol=1e-9, atol=1e-12, equal_nan=True)) if x.dtype.kind in "fc"
                else np.array_equal(x, y))
        if set(a) == {"type", "message", "where"}:
            return a["type"] == b["type"]
        if "dtypes" in a and "mutated" in a:
            # a NumPy scalar and a Python number of the same kind cross the wire alike
            norm = {"float64": "float", "int64": "int", "bool_": "bool"}
            a = {**a, "dtypes": {k: norm.get(v, v) for k, v in a["dtypes"].items()}}
            b = {**b, "dtypes": {k: norm.get(v, v) for k, v in b["dtypes"].items()}}
            return all(_same(a[k], b[k]) for k in a)
        return all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def notebook_cells(root: str, lesson: str, exercise: str):
    """``(cells, lesson_config, suite, points)``: the solution notebook's code cells (as ``nncourse try`` loads
    them, without the autograded cells) and the suite and points of ``exercise``."""
    from nncourse.cli import _source_notebook

    from .cells import grade_cells_of, student_cells
    from .lesson import Lesson

    nb = _source_notebook(root, lesson)
    cfg = Lesson.load(os.path.join(root, "autograder"), lesson)
    cells, grade = student_cells(nb), grade_cells_of(nb).get(exercise)
    if grade is None:
        raise SystemExit(f"mutate: lesson {lesson} has no autograded cell {exercise!r}")
    return cells, cfg, cfg.suite_for(exercise, grade[0]), grade[1]


def open_ended(suite: str) -> bool:
    """True when the suite at path ``suite`` says ``OPEN_ENDED = True`` at module level.

    Such an exercise is graded by what the answer reaches (11's
    ``build_and_train``: test accuracy), not by agreement with the reference:
    any answer that earns full marks is right, so a mutant of the reference
    that still earns them in process is a valid answer (status ``valid``,
    dropped like an equivalent one), not a survivor.
    """
    with open(suite, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    return any(isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "OPEN_ENDED"
                                                    for t in node.targets)
               and isinstance(node.value, ast.Constant) and node.value.value is True for node in tree.body)


def run_in_process(root: str, lesson: str, exercise: str, code: str, student: str = STUDENT):
    """Run ``exercise``'s suite on the solution notebook with ``code`` appended, in this process.

    Returns ``(score, max_score, log, cell_result)``.
    """
    from .engine import run_suite

    cells, cfg, suite, points = notebook_cells(root, lesson, exercise)
    # the lesson's own limits: 11's build_and_train trains for seconds under a 60 s call limit
    sub = InProcess(cells + [(10_000, code)], call_seconds=cfg.limits.call_seconds,
                    statement_seconds=cfg.limits.statement_seconds)
    res = run_suite(suite, sub, exercise, points, (SECRET, student, cfg.name))
    return res.score, res.points, sub.log, res


# -- the whole measurement ---------------------------------------------------

@dataclass
class ExerciseReport:
    lesson: str
    exercise: str
    generated: int = 0
    equivalent: int = 0
    killed: int = 0
    survived: int = 0
    seconds: float = 0.0
    mutants: list = field(default_factory=list)

    @property
    def share(self) -> float:
        n = self.killed + self.survived
        return 1.0 if n == 0 else self.killed / n


def measure(root: str, lesson: str, exercise: str, engine: bool = True, limit: int | None = None,
            progress=None) -> ExerciseReport:
    """Generate, filter and grade the mutants of one exercise (see module doc)."""
    from nncourse.cli import try_answer

    t0 = time.monotonic()
    names = exercise_names(root, lesson, exercise)
    source = reference_source(root, lesson, names)
    rep = ExerciseReport(lesson, exercise)
    ref_score, max_score, ref_log, ref_res = run_in_process(root, lesson, exercise, source)
    if ref_score != max_score:
        raise SystemExit(f"mutate: the reference of {lesson}/{exercise} scores {ref_score}/{max_score} "
                         f"in process:\n{ref_res.feedback()}")
    ms = mutants(source)
    if limit:
        ms = ms[:limit]
    rep.generated = len(ms)
    by_score = open_ended(notebook_cells(root, lesson, exercise)[2])
    with tempfile.TemporaryDirectory(prefix="nncourse-mutant-") as tmp:
        for m in ms:
            score, _, log, res = run_in_process(root, lesson, exercise, m.source)
            if score >= max_score and len(log) == len(ref_log) and all(
                    a[:2] == b[:2] and _same(a[2], b[2]) for a, b in zip(log, ref_log)):
                m.status = "equivalent"
            elif by_score and score >= max_score:
                m.status = "valid"
            else:
                if engine:
                    path = os.path.join(tmp, f"m{m.index}.py")
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(m.source)
                    graded = try_answer(root, lesson, exercise, path)
                    m.score = graded["score"]
                    lost = [t for t in graded["tests"] if not t["passed"]]
                else:
                    m.score = score
                    lost = [{"feedback": t.message} for t in res.tests if not t.passed]
                m.status = "killed" if m.score < max_score else "survived"
                if lost:
                    m.detail = lost[0]["feedback"].splitlines()[0][:200]
            if progress:
                progress(m)
    rep.mutants = ms
    rep.equivalent = sum(m.status in ("equivalent", "valid") for m in ms)
    rep.killed = sum(m.status == "killed" for m in ms)
    rep.survived = sum(m.status == "survived" for m in ms)
    rep.seconds = round(time.monotonic() - t0, 1)
    return rep


def table(reports: list[ExerciseReport]) -> str:
    lines = [f"{'exercise':<36} {'mutants':>7} {'equiv.':>6} {'killed':>6} {'surv.':>5} {'killed %':>8}"]
    for r in reports:
        flag = "" if r.share >= 0.95 else "  < 95%"
        lines.append(f"{r.lesson + '/' + r.exercise:<36} {r.generated:>7} {r.equivalent:>6} {r.killed:>6} "
                     f"{r.survived:>5} {100 * r.share:>7.1f}%{flag}")
    k = sum(r.killed for r in reports)
    n = k + sum(r.survived for r in reports)
    lines.append(f"{'all':<36} {sum(r.generated for r in reports):>7} {sum(r.equivalent for r in reports):>6} "
                 f"{k:>6} {n - k:>5} {100 * (k / n if n else 1):>7.1f}%")
    return "\n".join(lines)


def main(argv=None) -> int:
    from nncourse.cli import find_root

    ap = argparse.ArgumentParser(prog="python -m nncourse.grading.mutate", description=__doc__.split("\n\n")[0])
    ap.add_argument("targets", nargs="*", help="LESSON or LESSON/EXERCISE (default: every lesson)")
    ap.add_argument("--quick", action="store_true", help="judge killed in process (no sandboxed engine)")
    ap.add_argument("--out", default=None, help="JSON report (default build/power.json)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many mutants per exercise")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the surviving mutants")
    args = ap.parse_args(argv)
    root = find_root()
    targets = args.targets or sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, "autograder", "0*")))
    todo = []
    for t in targets:
        lesson, _, ex = t.partition("/")
        todo += [(lesson, e) for e in ([ex] if ex else exercises(root, lesson))]
    reports = []
    for lesson, ex in todo:
        rep = measure(root, lesson, ex, engine=not args.quick, limit=args.limit)
        reports.append(rep)
        print(f"{lesson}/{ex}: {rep.killed} killed of {rep.killed + rep.survived} "
              f"({rep.equivalent} equivalent dropped) in {rep.seconds:.0f} s", file=sys.stderr)
        if args.verbose:
            for m in rep.mutants:
                if m.status == "survived":
                    print(f"  survived #{m.index} line {m.line} {m.kind}: {m.label}", file=sys.stderr)
    print(table(reports))
    out = args.out or os.path.join(root, "build", "power.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump([{**{k: v for k, v in asdict(r).items() if k != "mutants"}, "killed_share": r.share,
                    "survivors": [asdict(m) for m in r.mutants if m.status == "survived"]} for r in reports],
                  fh, indent=1)
    return 0 if all(r.share >= 0.95 for r in reports) else 1


ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    """Re-run this command with one BLAS thread, as the sandboxed worker has (``sandbox.BASE_ENV``).

    The in-process runs share the machine with the sandboxed ones; with
    several BLAS threads on a busy machine 11's ``build_and_train`` took
    75 s of wall clock (35 s of CPU) instead of 14 s (3 s), past its 60 s
    call limit.  The thread count is fixed when NumPy loads, so the
    variables must be set before this process starts: hence the re-run.
    """
    if any(os.environ.get(k) != "1" for k in ONE_THREAD):
        env = {**os.environ, **{k: "1" for k in ONE_THREAD}}
        os.execve(sys.executable, [sys.executable, "-m", "nncourse.grading.mutate", *sys.argv[1:]], env)


if __name__ == "__main__":
    _one_blas_thread()
    sys.exit(main())
