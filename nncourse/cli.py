"""``nncourse``: the instructor's commands that nbgrader lacks.

    nncourse try LESSON EXERCISE FILE.py [--json]   grade one answer against a hidden suite
    nncourse autograde LESSON [--jobs N] [--scheduler tcp://HOST:8786 | --cluster local]
                                                    nbgrader autograde on every core or a Dask cluster,
                                                    re-running incomplete students
    nncourse synth-class LESSON --students N        a synthetic class in the workspace (load tests)
    nncourse bench-grading [LESSON]                 our grading against stock nbgrader, and its scaling
    nncourse report LESSON [--csv PATH]             grade table with status; CSV export
    nncourse demo [LESSON]                          the whole pipeline on the bundled samples
    nncourse check-release                          lessons/ is what solutions/ generates
    nncourse release [LESSON ...]                   regenerate lessons/ safely (swap only on success)
    nncourse build-samples [LESSON ...] [--check]   rebuild the sample submissions from the release and
                                                    autograder/<lesson>/samples/answers.py (or check them)
    nncourse start [--formgrader] [-- LAB ARGS]      JupyterLab on the student copy work/ (copied once)

Run from the course repository (the folder with ``nbgrader_config.py``), or
set ``NNCOURSE_ROOT``.  ``NNCOURSE_WORKSPACE`` chooses the workspace.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

DEFAULT_LESSON = "04-backprop"


def find_root(start: str | None = None) -> str:
    env = os.environ.get("NNCOURSE_ROOT")
    if env:
        return os.path.abspath(env)
    here = os.path.abspath(start or os.getcwd())
    while True:
        if os.path.isfile(os.path.join(here, "nbgrader_config.py")) and os.path.isdir(os.path.join(here, "autograder")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise SystemExit("nncourse: run this inside the course repository (no nbgrader_config.py with an "
                             "autograder/ folder found above the current directory), or set NNCOURSE_ROOT.")
        here = parent


def _source_notebook(root: str, lesson: str):
    import nbformat

    folder = os.path.join(root, "solutions", lesson)
    if not os.path.isdir(folder):
        known = sorted(os.listdir(os.path.join(root, "solutions")))
        raise SystemExit(f"nncourse: no lesson {lesson!r} in solutions/ (lessons: {', '.join(known)})")
    nbs = sorted(f for f in os.listdir(folder) if f.endswith(".ipynb"))
    if not nbs:
        raise SystemExit(f"nncourse: solutions/{lesson}/ has no notebook")
    return nbformat.read(os.path.join(folder, nbs[0]), as_version=4)


def try_answer(root: str, lesson: str, exercise: str, path: str, student: str = "try") -> dict:
    """Grade the code in ``path`` as the answer to ``exercise`` (a grade cell's grade_id).

    The rest of the notebook is the solution's, so only this exercise's code
    differs from a full-marks submission.
    """
    from nncourse.grading.cells import grade_cells_of, student_cells
    from nncourse.grading.engine import GradeCell, grade_cells
    from nncourse.grading.lesson import Lesson

    if not os.path.isfile(path):
        raise SystemExit(f"nncourse try: {path} does not exist")
    nb = _source_notebook(root, lesson)
    lesson_cfg = Lesson.load(os.path.join(root, "autograder"), lesson)
    graded = grade_cells_of(nb)
    if exercise not in graded:
        raise SystemExit(f"nncourse try: lesson {lesson} has no autograded cell {exercise!r} "
                         f"(autograded cells: {', '.join(graded)})")
    grade = GradeCell(exercise, *graded[exercise])
    code = student_cells(nb)
    with open(path, encoding="utf-8") as fh:
        code.append((len(nb.cells), fh.read()))
    secret = os.environ.get("NNCOURSE_SECRET", "nncourse-try")
    (res,) = grade_cells(lesson_cfg, code, [grade], student, secret)
    return {"lesson": lesson, "exercise": exercise, "file": path, "score": res.score, "max_score": res.points,
            "tests": [{"name": t.name, "description": t.doc, "weight": t.weight, "passed": t.passed,
                       "feedback": t.message} for t in res.tests],
            "notes": res.notes, "feedback": res.feedback(), "seconds": round(res.seconds, 3)}


def demo(root: str, lesson: str, keep: str | None = None, jobs: int = 2) -> int:
    from nncourse.grading.config import write_config
    from nncourse.grading.course import Course, autograde, export_csv, format_table

    samples = os.path.join(root, "autograder", lesson, "samples")
    if not os.path.isdir(samples):
        raise SystemExit(f"nncourse demo: no sample submissions in {samples}")
    ws = keep or tempfile.mkdtemp(prefix="nncourse-demo-")
    os.makedirs(ws, exist_ok=True)
    write_config(ws, repo=root, workspace=ws, release=os.path.join(ws, "release"))
    course = Course(ws, ws)
    t0 = time.monotonic()
    print(f"workspace: {ws}")
    course.nbgrader("generate_assignment", lesson, "--force")
    nb_name = None
    for student in sorted(os.listdir(samples)):
        src = os.path.join(samples, student)
        if not os.path.isdir(src):
            continue
        dest = os.path.join(ws, "submitted", student, lesson)
        shutil.copytree(src, dest, dirs_exist_ok=True)
        nb_name = nb_name or next((f for f in os.listdir(src) if f.endswith(".ipynb")), None)
    print(f"autograding {len(course.submitted_students(lesson))} sample submissions with `nbgrader autograde` ...")
    rows = autograde(course, lesson, jobs=jobs)
    course.nbgrader("generate_feedback", lesson, "--force", check=False)
    course.nbgrader("export", "--to", os.path.join(ws, "nbgrader-grades.csv"))
    csv_path = export_csv(rows, os.path.join(ws, "grades.csv"))
    expected = {}
    exp_path = os.path.join(samples, "expected.json")
    if os.path.isfile(exp_path):
        with open(exp_path) as fh:
            expected = json.load(fh)
    print()
    print(format_table(rows))
    ok = True
    for r in rows:
        want = expected.get(r.student, {}).get("score")
        if want is not None and (r.score is None or abs(r.score - float(want)) > 1e-6):
            ok = False
            print(f"!! {r.student}: scored {r.score}, its design predicts {want}")
    print()
    print("feedback HTML:")
    for r in rows:
        html = os.path.join(ws, "feedback", r.student, lesson, (nb_name or "").replace(".ipynb", ".html"))
        if os.path.exists(html):
            print(f"  {html}")
    print(f"grades CSV: {csv_path}  (nbgrader's own export: {os.path.join(ws, 'nbgrader-grades.csv')})")
    print(f"done in {time.monotonic() - t0:.1f} s" + ("" if ok else "; some samples deviate from expected.json"))
    return 0 if ok else 1


def build_samples_command(root: str, lessons: list[str], check: bool) -> int:
    """``nncourse build-samples``: write (or with ``check`` compare) each lesson's sample submissions."""
    from nncourse.grading.samples import SampleError, build_samples, lessons_with_samples, samples_differ

    lessons = lessons or lessons_with_samples(root)
    problems = []
    try:
        for lesson in lessons:
            if check:
                with tempfile.TemporaryDirectory(prefix="nncourse-samples-") as scratch:
                    problems += samples_differ(root, lesson, scratch)
                continue
            for sample, path in build_samples(root, lesson).items():
                print(f"{sample:>14}: {os.path.relpath(path, root)}")
    except SampleError as exc:
        raise SystemExit(f"nncourse build-samples: {exc}") from None
    if check:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)" if problems else
              f"the samples of {', '.join(lessons)} are what build-samples makes")
    else:
        print("now check each sample's predicted score in expected.json: nncourse demo LESSON")
    return 1 if problems else 0


def start(root: str, formgrader: bool, copy_only: bool, lab_args: list[str]) -> int:
    """Make or extend the student copy ``work/``, then run JupyterLab on it."""
    from nncourse.start import check_workspace_served, lab_command, lab_env, student_copy

    work, added = student_copy(root)
    rel = os.path.relpath(work, root)
    print(f"your copy of the lessons: {rel}/" + (f" (added: {', '.join(added)})" if added else
                                                 " (nothing new; your edits are kept)"))
    if copy_only:
        return 0
    note = check_workspace_served(root, os.environ.get("NNCOURSE_WORKSPACE", os.path.join(root, "workspace")))
    if note:
        print(note)
    extra = [a for a in lab_args if a != "--"]
    cmd = lab_command(root, work, "/formgrader" if formgrader else None, extra)
    sys.stdout.flush()
    os.chdir(root)   # nbgrader's server extensions read ./nbgrader_config.py
    os.execvpe(cmd[0], cmd, lab_env())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nncourse", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("try", help="grade one answer against a hidden suite")
    p.add_argument("lesson")
    p.add_argument("exercise", help="grade_id of the exercise's autograded cell")
    p.add_argument("file", help="a .py file defining the student's version of the exercise")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--student", default="try", help="student id used to seed hidden inputs")
    p = sub.add_parser("autograde", help="nbgrader autograde with retries of incomplete students")
    p.add_argument("lesson")
    p.add_argument("--jobs", "-j", type=int, default=1,
                   help="grade in this many processes of this machine (or local Dask workers with --cluster local)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="grade on this dask.distributed cluster (needs the `grading` extra)")
    where.add_argument("--cluster", choices=["local"],
                       help="grade on a Dask LocalCluster of --jobs workers started here")
    p = sub.add_parser("report", help="grade table with status, optional CSV")
    p.add_argument("lesson")
    p.add_argument("--csv", help="write the table as CSV here")
    p = sub.add_parser("demo", help="run the instructor pipeline on the bundled sample submissions")
    p.add_argument("lesson", nargs="?", default=DEFAULT_LESSON)
    p.add_argument("--workspace", help="use this folder instead of a temporary one")
    p.add_argument("--jobs", "-j", type=int, default=2, help="grade this many students at once")
    sub.add_parser("check-release", help="check lessons/ is what solutions/ generates")
    p = sub.add_parser("release", help="regenerate lessons/ from solutions/; a lesson is replaced only "
                                       "when its generation succeeded")
    p.add_argument("lessons", nargs="*", help="default: every lesson in solutions/")
    p = sub.add_parser("build-samples", help="rebuild a lesson's sample submissions from its release and "
                                             "samples/answers.py")
    p.add_argument("lessons", nargs="*", help="default: every lesson with autograder/<lesson>/samples/")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 unless the committed samples are byte for byte what it builds")
    p = sub.add_parser("start", help="JupyterLab on your own copy of the lessons (work/, copied once)")
    p.add_argument("--formgrader", action="store_true", help="open nbgrader's formgrader instead of work/")
    p.add_argument("--copy-only", action="store_true", help="make or extend work/ and exit")
    p.add_argument("lab_args", nargs=argparse.REMAINDER, help="passed on to `jupyter lab` (after --)")
    p = sub.add_parser("synth-class", help="write a synthetic class of submissions into the workspace")
    p.add_argument("lesson")
    p.add_argument("--students", "-n", type=int, required=True, help="how many submissions")
    p.add_argument("--seed", type=int, default=0, help="one seed, one class")
    p = sub.add_parser("bench-grading", help="time our grading against stock nbgrader, and its scaling")
    p.add_argument("lesson", nargs="?", default=DEFAULT_LESSON)
    p.add_argument("--students", "-n", type=int, default=8, help="size of the synthetic class")
    p.add_argument("--pairs", type=int, default=5, help="per-submission timings of stock and ours, alternating")
    p.add_argument("--out", default=os.path.join("build", "bench-grading.json"))
    args = parser.parse_args(argv)
    root = find_root()
    from nncourse.grading.config import interpreter_bin_on_path

    interpreter_bin_on_path()   # the gradebook runs `alembic`; nbgrader is called from here too

    if args.cmd == "try":
        out = try_answer(root, args.lesson, args.exercise, args.file, args.student)
        if args.json:
            print(json.dumps(out, indent=1))
        else:
            print(out["feedback"])
        return 0
    if args.cmd in ("autograde", "report"):
        from nncourse.grading.course import Course, autograde, export_csv, format_table, status_table
        from nncourse.grading.probe import SandboxUnavailable

        course = Course(root, os.environ.get("NNCOURSE_WORKSPACE", os.path.join(root, "workspace")))
        if args.cmd == "autograde":
            if args.jobs < 1:
                raise SystemExit(f"nncourse autograde: --jobs must be at least 1, got {args.jobs}")
            from nncourse.grading.distributed import DistributedGradingError

            try:
                rows = autograde(course, args.lesson, jobs=args.jobs, scheduler=args.scheduler,
                                 cluster=args.cluster)
            except SandboxUnavailable as exc:
                print(f"nncourse autograde: {exc}", file=sys.stderr)
                return 2
            except DistributedGradingError as exc:
                raise SystemExit(f"nncourse autograde: {exc}") from None
        else:
            rows = status_table(course, args.lesson)
        print(format_table(rows))
        if getattr(args, "csv", None):
            print(f"grades CSV: {export_csv(rows, args.csv)}")
        return 0 if all(r.status == "graded" for r in rows) else 1
    if args.cmd == "demo":
        return demo(root, args.lesson, args.workspace, args.jobs)
    if args.cmd == "start":
        return start(root, args.formgrader, args.copy_only, args.lab_args)
    if args.cmd == "release":
        from nncourse.grading.release import release

        for name in release(root, args.lessons or None):
            print(f"lessons/{name} regenerated")
        from nncourse.grading.course import check_release

        problems = check_release(root, args.lessons or None)
        for p in problems:
            print(p)
        print("lessons/ is in sync with solutions/" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    if args.cmd == "synth-class":
        from nncourse.grading.synth import SynthError, synth_class

        ws = os.environ.get("NNCOURSE_WORKSPACE", os.path.join(root, "workspace"))
        try:
            roster = synth_class(root, args.lesson, ws, args.students, seed=args.seed)
        except SynthError as exc:
            raise SystemExit(f"nncourse synth-class: {exc}") from None
        kinds: dict[str, int] = {}
        for info in roster.values():
            kinds[info["kind"]] = kinds.get(info["kind"], 0) + 1
        print(f"{len(roster)} submissions of {args.lesson} in {os.path.join(ws, 'submitted')}: "
              + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + f" (see {os.path.join(ws, 'class.json')})")
        return 0
    if args.cmd == "bench-grading":
        from nncourse.bench_grading import main as bench_main

        return bench_main(root, args.lesson, students=args.students, pairs=args.pairs, out=args.out)
    if args.cmd == "build-samples":
        return build_samples_command(root, args.lessons, args.check)
    if args.cmd == "check-release":
        from nncourse.grading.course import check_release

        problems = check_release(root)
        for p in problems:
            print(p)
        print("lessons/ is in sync with solutions/" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
