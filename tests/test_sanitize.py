"""nncourse's CheckCellMetadata gives nbgrader's verdicts, message for message, on every kind of
metadata a submission can carry (it only compiles nbgrader's schema once)."""

import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheck

from nncourse.grading.sanitize import CheckCellMetadata


def _meta(**kw):
    m = {"grade": False, "solution": False, "locked": False, "grade_id": "c", "schema_version": 3}
    m.update(kw)
    return {"nbgrader": {k: v for k, v in m.items() if v is not ...}}


CASES = {
    "valid": [new_code_cell("x = 1", metadata=_meta(grade=True, locked=True, points=2)),
              new_code_cell("y", metadata=_meta(solution=True, grade_id="d")),
              new_markdown_cell("text")],
    "no grade_id": [new_code_cell("x", metadata=_meta(grade=True, points=1, grade_id=...))],
    "empty grade_id": [new_code_cell("x", metadata=_meta(solution=True, grade_id=""))],
    "no points": [new_code_cell("x", metadata=_meta(grade=True))],
    "points not a number": [new_code_cell("x", metadata=_meta(grade=True, points="many"))],
    "grade not a boolean": [new_code_cell("x", metadata=_meta(grade="yes", points=1))],
    "grade_id not a string": [new_code_cell("x", metadata=_meta(solution=True, grade_id=7))],
    "several errors": [new_code_cell("x", metadata=_meta(grade=1, solution="no", locked=[], points="many",
                                                        grade_id=7, extra=0))],
    "extra key": [new_code_cell("x", metadata=_meta(solution=True, secret=1))],
    "schema too old": [new_code_cell("x", metadata=_meta(solution=True, schema_version=2))],
    "schema too new": [new_code_cell("x", metadata=_meta(solution=True, schema_version=4))],
    "no schema version": [new_code_cell("x", metadata=_meta(solution=True, schema_version=...))],
    "duplicate ids": [new_code_cell("x", metadata=_meta(solution=True)),
                      new_code_cell("y", metadata=_meta(grade=True, locked=True, points=1))],
    "markdown grade, not solution": [new_markdown_cell("x", metadata=_meta(grade=True, points=1))],
    "markdown solution, not grade": [new_markdown_cell("x", metadata=_meta(solution=True))],
    "code task cell": [new_code_cell("x", metadata=_meta(task=True, points=1, locked=True))],
    "cell type changed": [new_code_cell("x", metadata=_meta(solution=True, cell_type="markdown"))],
    "metadata not an object": [new_code_cell("x", metadata={"nbgrader": "grade"})],
}


def _raised(log: str) -> list[str]:
    """The exception lines of the tracebacks in a log (what was wrong, as nbgrader reports it)."""
    return [line for line in log.splitlines() if "Error: " in line]


def _verdict(check, nb):
    nb = copy.deepcopy(nb)
    try:
        out, _ = check.preprocess(nb, {})
    except Exception as exc:  # noqa: BLE001 - the verdict compared
        return type(exc), str(exc)
    return "ok", nbformat.writes(out)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_metadata_check_gives_nbgraders_verdict(case, caplog):
    nb = new_notebook(cells=CASES[case])
    theirs = _verdict(NbgraderCheck(), nb)
    theirs_log = caplog.text.replace("nbgrader.preprocessors.checkcellmetadata", "")
    caplog.clear()
    ours = _verdict(CheckCellMetadata(), nb)
    assert ours == theirs
    assert (case in ("valid", "cell type changed")) == (ours[0] == "ok")   # a changed type is only warned of
    # the same error, logged the same way (nbgrader logs the failure's traceback before it raises)
    assert _raised(caplog.text) == _raised(theirs_log)


def test_the_schema_is_compiled_once():
    from nncourse.grading import sanitize

    check = CheckCellMetadata()
    check.preprocess(new_notebook(cells=CASES["valid"]), {})
    compiled = dict(sanitize._COMPILED)
    check.preprocess(new_notebook(cells=CASES["valid"]), {})
    CheckCellMetadata().preprocess(new_notebook(cells=CASES["valid"]), {})
    assert sanitize._COMPILED == compiled and len(compiled) == 1
