"""A realistic synthetic class for load tests and the grading benchmark.

``nncourse synth-class LESSON --students N`` writes N submissions into
``<workspace>/submitted/<student>/<lesson>/``, built from the lesson's own
material:

* ``full``      the release with every exercise answered by the solution;
* ``partial``   some exercises answered, the others left as released;
* ``mistake``   the full solution with one or two exercises replaced by a
                catalogued mistake (``autograder/<lesson>/mistakes/<grade_id>/*.py``);
* ``sample``    one of the lesson's sample submissions (``autograder/<lesson>/samples/``),
                including its infinite loops, memory hogs and self-kills;
* ``untouched`` the release as it is;
* ``broken``    a notebook that is not valid JSON, or whose answers do not parse.

The mix is drawn from a seed, so one seed gives one class; ``class.json``
in the workspace names each student's kind (and the mistakes spliced in).
"""

from __future__ import annotations

import json
import os
import random

from .samples import solution_sources, with_answers

MIX = {"full": 0.25, "partial": 0.2, "mistake": 0.3, "sample": 0.1, "untouched": 0.1, "broken": 0.05}


class SynthError(RuntimeError):
    pass


def _answers(solution_nb) -> dict[str, tuple[str, str]]:
    """grade_id of each exercise's grade cell -> (its solution cell's grade_id, that cell's solution).

    An exercise is a solution code cell followed (before the next solution
    cell) by an autograded cell; the mistake catalogue is keyed by that grade cell's id.
    """
    sources = solution_sources(solution_nb)
    out, pending = {}, None
    for cell in solution_nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type == "code" and meta.get("solution"):
            pending = meta["grade_id"]
        elif cell.cell_type == "code" and meta.get("grade") and pending is not None:
            out[meta["grade_id"]] = (pending, sources[pending])
            pending = None
    return out


def _splice(release_nb, replace: dict[str, str]):
    """A copy of ``release_nb`` whose solution cells (by their grade_id) get exactly these sources."""
    return with_answers(release_nb, replace, strip=False)


def synth_class(root: str, lesson: str, workspace: str, students: int, seed: int = 0,
                release_dir: str | None = None) -> dict[str, dict]:
    """Write ``students`` submissions of ``lesson``; returns ``{student: {"kind": ..., ...}}``.

    ``root`` is the course (``solutions/``, ``autograder/``, and ``lessons/``
    unless ``release_dir`` says where the released lessons are).
    """
    import nbformat

    if students < 1:
        raise SynthError(f"--students must be at least 1, got {students}")
    release = os.path.join(release_dir or os.path.join(root, "lessons"), lesson)
    solution = os.path.join(root, "solutions", lesson)
    if not os.path.isdir(release):
        raise SynthError(f"{release} does not exist: run `make release` (nbgrader generate_assignment) first")
    names = sorted(f for f in os.listdir(release) if f.endswith(".ipynb"))
    if not names:
        raise SynthError(f"{release} has no notebook")
    name = names[0]
    release_nb = nbformat.read(os.path.join(release, name), as_version=4)
    answers = _answers(nbformat.read(os.path.join(solution, name), as_version=4))
    if not answers:
        raise SynthError(f"solutions/{lesson}/{name} has no exercise (solution cell followed by an autograded cell)")

    material = os.path.join(root, "autograder", lesson)
    mistakes = {gid: sorted(os.path.join(material, "mistakes", gid, f)
                            for f in os.listdir(os.path.join(material, "mistakes", gid)) if f.endswith(".py"))
                for gid in answers if os.path.isdir(os.path.join(material, "mistakes", gid))}
    mistakes = {gid: files for gid, files in mistakes.items() if files}
    samples_dir = os.path.join(material, "samples")
    samples = sorted(os.path.join(samples_dir, s, name) for s in os.listdir(samples_dir)
                     if os.path.isfile(os.path.join(samples_dir, s, name))) if os.path.isdir(samples_dir) else []
    mix = {k: w for k, w in MIX.items() if (k != "mistake" or mistakes) and (k != "sample" or samples)}

    rng = random.Random(seed)
    full = {sol_id: src for sol_id, src in answers.values()}
    roster: dict[str, dict] = {}
    width = max(4, len(str(students)))
    for n in range(1, students + 1):
        student = f"s{n:0{width}d}"
        kind = rng.choices(list(mix), weights=list(mix.values()))[0]
        info: dict = {"kind": kind}
        text = None
        if kind == "full":
            nb = _splice(release_nb, full)
        elif kind == "partial":
            solved = [gid for gid in answers if rng.random() < 0.5]
            info["solved"] = solved
            nb = _splice(release_nb, {answers[g][0]: answers[g][1] for g in solved})
        elif kind == "mistake":
            picked = rng.sample(sorted(mistakes), k=min(len(mistakes), rng.choice([1, 1, 2])))
            replace = dict(full)
            info["mistakes"] = []
            for gid in picked:
                path = rng.choice(mistakes[gid])
                with open(path, encoding="utf-8") as fh:
                    replace[answers[gid][0]] = fh.read()
                info["mistakes"].append(os.path.relpath(path, material))
            nb = _splice(release_nb, replace)
        elif kind == "sample":
            path = rng.choice(samples)
            info["sample"] = os.path.basename(os.path.dirname(path))
            nb = nbformat.read(path, as_version=4)
        elif kind == "untouched":
            nb = release_nb
        else:
            if rng.random() < 0.5:
                nb, text = None, '{"cells": [ this is not a notebook'
                info["broken"] = "not JSON"
            else:
                gid = rng.choice(sorted(answers))
                nb = _splice(release_nb, {**full, answers[gid][0]: "def broken(:\n    pass\n"})
                info["broken"] = f"syntax error in {gid}"
        dest = os.path.join(workspace, "submitted", student, lesson)
        os.makedirs(dest, exist_ok=True)
        if nb is None:
            with open(os.path.join(dest, name), "w") as fh:
                fh.write(text)
        else:
            nbformat.write(nb, os.path.join(dest, name))
        roster[student] = info
    with open(os.path.join(workspace, "class.json"), "w") as fh:
        json.dump({"lesson": lesson, "seed": seed, "students": roster}, fh, indent=1)
    return roster
