"""A lesson's sample submissions, built from its release and a small table of hand-written answers.

    nncourse build-samples LESSON [LESSON ...]      (every lesson with samples/ when none is named)
    nncourse build-samples --check                   exit 1 unless the committed samples are what it builds

Each sample is the release ``lessons/<lesson>/<notebook>.ipynb`` as a student
would save it (all nbgrader metadata kept), with the sources of some solution
cells replaced, looked up by ``grade_id``; it is written to
``autograder/<lesson>/samples/<sample>/<notebook>.ipynb``, and the sample's
predicted score is in ``samples/expected.json``.  Every lesson has

``full``        every solution cell answered by the solution in ``solutions/``
                (``### BEGIN/END SOLUTION`` markers removed);
``untouched``   the release as it is;

and ``autograder/<lesson>/samples/answers.py``, when present, adds the
lesson's own samples as ``SAMPLES``, a dict ``sample name -> answers``::

    from nncourse.grading.samples import OTHERS, SOLUTION, Mistake, Sample, solution_with

    LINEAR_DB_NOT_SUMMED = '''
    class Linear:
        ...
    '''

    SAMPLES = {
        "partial": {"linear_code": LINEAR_DB_NOT_SUMMED, "sigmoid_code": SOLUTION},
        "infinite_loop": {OTHERS: SOLUTION, "sigmoid_code": SIGMOID_LOOPS},
        "mistaken": {"mdn_params_code": Mistake("mdn_params", "softmax_over_batch")},
        "gamer": Sample({...}, setup_cell=GAMER_SETUP, grade_cells_claim_full_marks=True),
    }

An answer (the value for a solution cell's ``grade_id``) is a source string,
:data:`SOLUTION` (that cell's solution), :func:`solution_with` (the solution
with a literal edit), :class:`Mistake` (a file of the lesson's mistake
catalogue, or one function of it), or :data:`RELEASED` (the cell as
released).  The key :data:`OTHERS` answers every solution cell the dict does
not name.  A :class:`Sample` adds what a student may do besides answering: a
cell of their own after the imports, grade cells edited to claim full marks,
or any other edit of the notebook.

Sources are written without leading and trailing blank lines.  Re-run after
``nbgrader generate_assignment`` (``make release``) and check ``expected.json``
with ``nncourse demo LESSON``.
"""

from __future__ import annotations

import ast
import copy
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

__all__ = ["OTHERS", "RELEASED", "SOLUTION", "Mistake", "Sample", "SampleError", "build_samples", "lesson_samples",
           "samples_differ", "solution_sources", "solution_with", "with_answers"]

#: The key of an answers dict that stands for every solution cell it does not name.
OTHERS = "*"

_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*(\n|\Z)", re.MULTILINE)


class SampleError(ValueError):
    """A sample cannot be built as its lesson's ``answers.py`` describes it."""


@dataclass(frozen=True)
class _Solution:
    """The solution cell's own source, with ``edits`` (old, new) applied literally, each exactly where found."""

    edits: tuple[tuple[str, str], ...] = ()

    def source(self, gid: str, solutions: Mapping[str, str]) -> str:
        if gid not in solutions:
            raise SampleError(f"the solution notebook has no solution cell {gid!r}")
        text = solutions[gid]
        for old, new in self.edits:
            if old not in text:
                raise SampleError(f"the solution of {gid} no longer contains {old!r}; update the edit "
                                  "in answers.py to the new solution")
            text = text.replace(old, new)
        return text


#: The answer "this cell's solution, as in ``solutions/``".
SOLUTION = _Solution()


class _Released:
    def __repr__(self):
        return "RELEASED"


#: The answer "this cell as released" (its stub), e.g. to leave one cell out of ``{OTHERS: SOLUTION}``.
RELEASED = _Released()


def solution_with(old: str, new: str, *more: tuple[str, str]) -> _Solution:
    """The solution with ``old`` replaced by ``new`` (and each further ``(old, new)`` pair); an edit that
    no longer applies, because the solution changed, stops the build."""
    return _Solution(((old, new),) + tuple(more))


@dataclass(frozen=True)
class Mistake:
    """The source of ``autograder/<lesson>/mistakes/<exercise>/<name>.py``, or only its top-level
    function ``function`` (with a trailing newline)."""

    exercise: str
    name: str
    function: str | None = None

    def source(self, material: str) -> str:
        path = os.path.join(material, "mistakes", self.exercise, self.name + ".py")
        if not os.path.isfile(path):
            raise SampleError(f"the mistake catalogue has no {os.path.relpath(path, material)}")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if self.function is None:
            return text
        for node in ast.parse(text).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == self.function:
                return ast.get_source_segment(text, node) + "\n"
        raise SampleError(f"{os.path.relpath(path, material)} defines no function {self.function}")


@dataclass(frozen=True)
class Sample:
    """A sample submission: ``answers`` (grade_id -> answer, see the module doc) and what else the student did.

    ``setup_cell``: the source of a code cell of the student's own, inserted
    right after the first code cell (the imports), with cell id ``setup_id``.
    ``grade_cells_claim_full_marks``: every grade cell's source replaced by its
    points, its points raised to 100 and the cell made editable (a forged grade).
    ``edit``: a function that changes the built notebook in place, last.
    """

    answers: Mapping[str, object] = field(default_factory=dict)
    setup_cell: str | None = None
    setup_id: str = "student-setup"
    grade_cells_claim_full_marks: bool = False
    edit: Callable | None = None


def solution_sources(solution_nb) -> dict[str, str]:
    """``grade_id -> source`` of every solution cell of the source notebook, ``### BEGIN/END SOLUTION``
    marker lines removed."""
    out = {}
    for cell in solution_nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if meta.get("solution"):
            out[meta["grade_id"]] = _MARKERS.sub("", cell.source)
    return out


def with_answers(release_nb, answers: Mapping[str, str], *, strip: bool = True):
    """A copy of the release whose cells named (by grade_id) in ``answers`` get those sources.

    ``strip`` removes leading and trailing newlines of each source.  A name the
    release has no cell for raises :class:`SampleError`.
    """
    nb = copy.deepcopy(release_nb)
    found = set()
    for cell in nb.cells:
        gid = (cell.metadata.get("nbgrader") or {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid].strip("\n") if strip else answers[gid]
            found.add(gid)
    missing = set(answers) - found
    if missing:
        raise SampleError(f"the release has no solution cells {sorted(missing)}")
    return nb


def _resolve(answers: Mapping[str, object], solutions: Mapping[str, str], material: str) -> dict[str, str]:
    """Answers as plain sources: OTHERS expanded, SOLUTION/solution_with/Mistake looked up."""
    answers = dict(answers)
    rest = answers.pop(OTHERS, None)
    if rest is not None:
        answers = {**{gid: rest for gid in solutions if gid not in answers}, **answers}
    out = {}
    for gid, answer in answers.items():
        if answer is RELEASED:
            continue
        if isinstance(answer, _Solution):
            out[gid] = answer.source(gid, solutions)
        elif isinstance(answer, Mistake):
            out[gid] = answer.source(material)
        elif isinstance(answer, str):
            out[gid] = answer
        else:
            raise SampleError(f"the answer for {gid} is a {type(answer).__name__}; expected source text, "
                              "SOLUTION, solution_with(...), Mistake(...) or RELEASED")
    return out


def _build_one(release_nb, sample: Sample, solutions: Mapping[str, str], material: str):
    import nbformat

    nb = with_answers(release_nb, _resolve(sample.answers, solutions, material))
    if sample.setup_cell is not None:
        first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        extra = nbformat.v4.new_code_cell(sample.setup_cell.strip("\n"))
        extra.id = sample.setup_id
        nb.cells.insert(first_code + 1, extra)
    if sample.grade_cells_claim_full_marks:
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader") or {}
            if meta.get("grade"):
                cell.source = f"{float(meta['points'])}"
                meta["points"] = 100
                cell.metadata["editable"] = True
    if sample.edit is not None:
        sample.edit(nb)
    return nb


def _notebook_in(folder: str, what: str) -> str:
    names = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb")) if os.path.isdir(folder) else []
    if not names:
        raise SampleError(f"{what} {folder} has no notebook")
    return names[0]


def _load_answers(path: str) -> dict[str, Sample]:
    """``SAMPLES`` of an ``answers.py``, each as a :class:`Sample`."""
    with open(path, encoding="utf-8") as fh:
        code = compile(fh.read(), path, "exec")
    namespace: dict = {"__name__": "nncourse_sample_answers", "__file__": path}
    exec(code, namespace)   # no bytecode cache is written into samples/
    samples = namespace.get("SAMPLES")
    if not isinstance(samples, dict):
        raise SampleError(f"{path} must define SAMPLES, a dict: sample name -> answers (see "
                          "nncourse/grading/samples.py)")
    out = {}
    for name, spec_ in samples.items():
        if name in ("full", "untouched"):
            raise SampleError(f"{path}: every lesson has the sample {name!r} already; choose another name")
        out[name] = spec_ if isinstance(spec_, Sample) else Sample(spec_)
    return out


def lesson_samples(root: str, lesson: str) -> tuple[str, dict]:
    """``(notebook name, {sample name: notebook})`` of ``lesson``, built in memory, not written."""
    import nbformat

    release_dir = os.path.join(root, "lessons", lesson)
    if not os.path.isdir(os.path.join(root, "solutions", lesson)):
        known = sorted(os.listdir(os.path.join(root, "solutions")))
        raise SampleError(f"no lesson {lesson!r} in solutions/ (lessons: {', '.join(known)})")
    name = _notebook_in(release_dir, "the release folder")
    release = nbformat.read(os.path.join(release_dir, name), as_version=4)
    solutions = solution_sources(nbformat.read(os.path.join(root, "solutions", lesson, name), as_version=4))
    material = os.path.join(root, "autograder", lesson)
    if not os.path.isdir(material):
        raise SampleError(f"no grading material autograder/{lesson}/ for lesson {lesson}")
    answers_py = os.path.join(material, "samples", "answers.py")
    extra = _load_answers(answers_py) if os.path.isfile(answers_py) else {}
    samples = {"full": with_answers(release, solutions), "untouched": copy.deepcopy(release)}
    for sample, spec in extra.items():
        try:
            samples[sample] = _build_one(release, spec, solutions, material)
        except SampleError as exc:
            raise SampleError(f"{lesson} sample {sample!r}: {exc}") from None
    for nb in samples.values():
        nbformat.validate(nb)
    return name, samples


def build_samples(root: str, lesson: str, out: str | None = None) -> dict[str, str]:
    """Write ``lesson``'s samples under ``out`` (default ``autograder/<lesson>/samples``); ``{sample: path}``."""
    import nbformat

    name, samples = lesson_samples(root, lesson)
    out = out or os.path.join(root, "autograder", lesson, "samples")
    written = {}
    for sample, nb in samples.items():
        folder = os.path.join(out, sample)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, name)
        nbformat.write(nb, path)
        written[sample] = path
    return written


def samples_differ(root: str, lesson: str, scratch: str) -> list[str]:
    """Problems that make the committed samples of ``lesson`` differ from what :func:`build_samples` writes
    (built under ``scratch``): a sample missing, one not built, or one whose bytes differ."""
    committed = os.path.join(root, "autograder", lesson, "samples")
    if not os.path.isdir(committed):
        return [f"{lesson}: autograder/{lesson}/samples/ does not exist; run `nncourse build-samples {lesson}`"]
    built = build_samples(root, lesson, scratch)
    problems = []
    on_disk = {s for s in os.listdir(committed) if os.path.isdir(os.path.join(committed, s))
               and not s.startswith((".", "_"))}
    for sample in sorted(on_disk - set(built)):
        problems.append(f"{lesson}: samples/{sample}/ is committed but answers.py does not build it")
    for sample, path in sorted(built.items()):
        mine = os.path.join(committed, sample, os.path.basename(path))
        if not os.path.isfile(mine):
            problems.append(f"{lesson}: samples/{sample}/ is not committed; run `nncourse build-samples {lesson}`")
            continue
        with open(mine, "rb") as a, open(path, "rb") as b:
            if a.read() != b.read():
                problems.append(f"{lesson}: samples/{sample}/{os.path.basename(path)} is not what "
                                f"`nncourse build-samples {lesson}` makes; rebuild it and check expected.json")
    return problems


def lessons_with_samples(root: str) -> list[str]:
    """Every lesson that has ``autograder/<lesson>/samples/``."""
    folder = os.path.join(root, "autograder")
    return sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d, "samples")))
