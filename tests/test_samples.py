"""``nncourse build-samples``: every lesson's sample submissions from its release and a table of answers.

The committed samples are graded by ``tests/test_lessons.py`` against
``expected.json``; here they must be, byte for byte, what the command builds,
so a change of the release or of ``answers.py`` cannot leave them behind.
"""

from __future__ import annotations

import os
import shutil

import nbformat
import pytest

from nncourse.cli import main
from nncourse.grading.samples import (
    SampleError,
    lesson_samples,
    lessons_with_samples,
    samples_differ,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = lessons_with_samples(ROOT)


@pytest.mark.parametrize("lesson", LESSONS)
def test_committed_samples_are_what_build_samples_makes(lesson, tmp_path):
    """Is every committed sample, byte for byte, what ``nncourse build-samples`` writes?"""
    assert samples_differ(ROOT, lesson, str(tmp_path)) == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_sample_keeps_a_solution_marker(lesson):
    # a student never sees the markers: the release has none, and an answer taken from the solution
    # must lose every one, the last line of a cell (no newline after it) included
    folder = os.path.join(ROOT, "autograder", lesson, "samples")
    for sample in sorted(os.listdir(folder)):
        for name in (n for n in os.listdir(os.path.join(folder, sample)) if n.endswith(".ipynb")) \
                if os.path.isdir(os.path.join(folder, sample)) else ():
            nb = nbformat.read(os.path.join(folder, sample, name), as_version=4)
            marked = [i for i, c in enumerate(nb.cells) if "### BEGIN SOLUTION" in c.source
                      or "### END SOLUTION" in c.source]
            assert marked == [], f"{sample}/{name}: cells {marked} keep a ### BEGIN/END SOLUTION marker"


def test_no_lesson_keeps_a_builder_script_of_its_own():
    """Does every lesson's samples/ hold data only (answers.py), the building being the command's?"""
    for lesson in LESSONS:
        assert not os.path.exists(os.path.join(ROOT, "autograder", lesson, "samples", "build_samples.py")), lesson


# -- a lesson of our own, to change freely ------------------------------------------------------

def _cell_sources(nb) -> dict[str, str]:
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells if "nbgrader" in c.metadata}


@pytest.fixture
def course(tmp_path):
    """A course root whose lesson 03-activations has the real release and solution and our own answers.py."""
    lesson = "03-activations"
    for part in ("solutions", "lessons"):
        os.makedirs(tmp_path / part)
        os.symlink(os.path.join(ROOT, part, lesson), tmp_path / part / lesson)
    material = tmp_path / "autograder" / lesson
    os.makedirs(material)
    os.symlink(os.path.join(ROOT, "autograder", lesson, "mistakes"), material / "mistakes")
    shutil.copytree(os.path.join(ROOT, "autograder", lesson, "samples"), material / "samples")
    return tmp_path


def _answers(course, text: str) -> None:
    with open(course / "autograder" / "03-activations" / "samples" / "answers.py", "w") as fh:
        fh.write("from nncourse.grading.samples import *  # noqa: F403\n" + text)


def test_answers_cover_solution_stub_mistake_edit_and_others(course):
    """Does each kind of answer put the right source in the right cell, and leave the others as released?"""
    _answers(course, '''
SAMPLES = {
    "mixed": {
        OTHERS: SOLUTION,
        "softmax_code": "\\n\\ndef softmax(z):\\n    return z\\n\\n",
        "leaky_relu_code": RELEASED,
        "sigmoid_code": solution_with("def sigmoid", "def sigmoid_renamed"),
    },
    "mistaken": {"sigmoid_code": Mistake("sigmoid", "sign_flipped")},
}
''')
    _, built = lesson_samples(str(course), "03-activations")
    assert set(built) == {"full", "untouched", "mixed", "mistaken"}
    full, untouched = _cell_sources(built["full"]), _cell_sources(built["untouched"])
    mixed, mistaken = _cell_sources(built["mixed"]), _cell_sources(built["mistaken"])
    assert mixed["softmax_code"] == "def softmax(z):\n    return z"        # blank lines around it dropped
    assert mixed["leaky_relu_code"] == untouched["leaky_relu_code"] != full["leaky_relu_code"]
    assert mixed["sigmoid_code"] == full["sigmoid_code"].replace("def sigmoid", "def sigmoid_renamed")
    others = [g for g in full if g.endswith("_code") and g not in ("softmax_code", "leaky_relu_code", "sigmoid_code")]
    assert others and all(mixed[g] == full[g] for g in others)
    with open(os.path.join(ROOT, "autograder", "03-activations", "mistakes", "sigmoid", "sign_flipped.py")) as fh:
        assert mistaken["sigmoid_code"] == fh.read().strip("\n")
    assert all(mistaken[g] == untouched[g] for g in untouched if g != "sigmoid_code")
    assert "BEGIN SOLUTION" not in "".join(full.values())


def test_a_sample_can_add_a_cell_and_forge_its_grade_cells(course):
    """Are a student's own cell (after the imports) and grade cells claiming 100 points built as asked?"""
    _answers(course, '''
def drop_last_cell(nb):
    nb.cells.pop()

SAMPLES = {"gamer": Sample({"sigmoid_code": SOLUTION}, setup_cell="\\nimport os\\n", setup_id="mine",
                           grade_cells_claim_full_marks=True, edit=drop_last_cell)}
''')
    _, built = lesson_samples(str(course), "03-activations")
    release, gamer = built["untouched"], built["gamer"]
    first_code = next(i for i, c in enumerate(release.cells) if c.cell_type == "code")
    assert gamer.cells[first_code + 1].id == "mine" and gamer.cells[first_code + 1].source == "import os"
    assert len(gamer.cells) == len(release.cells)          # one cell added, the last one dropped
    graded = [c for c in gamer.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded and all(c.metadata["nbgrader"]["points"] == 100 and c.metadata["editable"] for c in graded)
    assert all(float(c.source) > 0 for c in graded)
    nbformat.validate(gamer)


@pytest.mark.parametrize("answers, words", [
    ('SAMPLES = {"bad": {"no_such_code": "x = 1"}}', "the release has no solution cells ['no_such_code']"),
    ('SAMPLES = {"bad": {"sigmoid_code": solution_with("not in the solution", "x")}}',
     "no longer contains 'not in the solution'"),
    ('SAMPLES = {"bad": {"sigmoid_code": Mistake("sigmoid", "no_such_mistake")}}',
     "has no mistakes/sigmoid/no_such_mistake.py"),
    ('SAMPLES = {"bad": {"sigmoid_code": Mistake("sigmoid", "sign_flipped", function="nope")}}',
     "defines no function nope"),
    ('SAMPLES = {"bad": {"sigmoid_code": 42}}', "the answer for sigmoid_code is a int"),
    ('SAMPLES = {"full": {}}', "has the sample 'full' already"),
    ("SAMPLE = {}", "must define SAMPLES"),
])
def test_a_bad_answers_file_stops_the_build_with_the_reason(course, answers, words, monkeypatch):
    """Does a wrong table stop ``build-samples`` with a message naming the sample and what to fix?"""
    _answers(course, answers + "\n")
    with pytest.raises(SampleError) as info:
        lesson_samples(str(course), "03-activations")
    assert words in str(info.value)
    monkeypatch.setenv("NNCOURSE_ROOT", str(course))
    with pytest.raises(SystemExit) as exit_info:
        main(["build-samples", "03-activations"])
    assert str(exit_info.value).startswith("nncourse build-samples: ") and words in str(exit_info.value)


def test_check_reports_a_stale_missing_or_unbuilt_sample(course, monkeypatch, capsys):
    """Does ``build-samples --check`` find each way the committed samples can drift, and exit 1?"""
    monkeypatch.setenv("NNCOURSE_ROOT", str(course))
    samples = course / "autograder" / "03-activations" / "samples"
    assert main(["build-samples", "--check"]) == 0
    assert "are what build-samples makes" in capsys.readouterr().out
    path = samples / "partial" / "03-activations.ipynb"
    path.write_text(path.read_text().replace("no max subtraction", "no max  subtraction"))
    shutil.rmtree(samples / "untouched")
    shutil.copytree(samples / "full", samples / "orphan")
    assert main(["build-samples", "--check", "03-activations"]) == 1
    out = capsys.readouterr().out
    assert "samples/partial/03-activations.ipynb is not what `nncourse build-samples 03-activations` makes" in out
    assert "samples/untouched/ is not committed" in out
    assert "samples/orphan/ is committed but answers.py does not build it" in out
    assert main(["build-samples", "03-activations"]) == 0      # rebuilding brings them back
    assert main(["build-samples", "--check", "03-activations"]) == 1       # the orphan stays until removed
    shutil.rmtree(samples / "orphan")
    assert main(["build-samples", "--check", "03-activations"]) == 0


def test_unknown_lesson_is_named(course, monkeypatch):
    monkeypatch.setenv("NNCOURSE_ROOT", str(course))
    with pytest.raises(SystemExit, match="no lesson 'nope' in solutions/ \\(lessons: 03-activations\\)"):
        main(["build-samples", "nope"])
