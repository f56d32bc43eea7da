"""``make bench-grading``: our grading against stock nbgrader, and how it scales.

On one synthetic class of a lesson (:mod:`nncourse.grading.synth`), in one run:

1. **per submission**: ``nbgrader autograde LESSON --student S --force`` with
   stock nbgrader (its ``Execute`` runs the notebook in a kernel: a config
   without our preprocessor) and with ours, alternating which goes first, on
   the same submissions; the ratio ours/stock of each adjacent pair, and their
   median.  Only submissions that are safe to execute without limits (full,
   partial, mistakes, untouched) are timed this way: stock nbgrader would run
   a sample's memory hog with no memory limit.
   Then the same, per submission, within one ``nbgrader autograde --force``
   over those submissions (start-up paid once per run), alternating.
2. **throughput**: the whole class with ``nncourse autograde --jobs 1``,
   ``--jobs 2`` (alternating, so each pair shares the machine's load) and a
   local Dask cluster of 2 workers, each into a fresh workspace; submissions
   per minute and the ratio of ``--jobs 2`` to ``--jobs 1``.

Writes ``build/bench-grading.json`` and prints the ratios.  Wall-clock
numbers on a shared machine are noisy: the load average is recorded with them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

STOCK_CONFIG = '''from nncourse.grading.config import configure
c = get_config()
configure(c, repo={repo!r}, workspace={ws!r}, release={release!r})
# stock nbgrader: its own sanitize and autograde chains (Execute runs the notebook in a kernel)
c.Autograde.sanitize_preprocessors = ["nbgrader.preprocessors.ClearOutput", "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec", "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata"]
c.Autograde.autograde_preprocessors = ["nbgrader.preprocessors.Execute", "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata"]
'''
SAFE = ("full", "partial", "mistake", "untouched")


def _bin(name: str) -> str:
    exe = os.path.join(os.path.dirname(sys.executable), name)
    return exe if os.path.exists(exe) else name


def _env(root: str, ws: str) -> dict:
    env = dict(os.environ)
    env.update(NNCOURSE_ROOT=root, NNCOURSE_WORKSPACE=ws, PYDEVD_DISABLE_FILE_VALIDATION="1")
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def _timed(cmd: list[str], cwd: str, env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dt = time.perf_counter() - t0
    if proc.returncode not in (0, 1):  # 1: some students failed to grade (the broken ones)
        raise RuntimeError(f"`{' '.join(cmd)}` failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}")
    return dt


def _course(tmp: str, name: str, repo: str, lesson: str, submitted: str, stock: bool = False) -> tuple[str, str]:
    """A config folder and workspace with the lesson generated and ``submitted`` copied in."""
    from nncourse.grading.config import write_config

    root = os.path.join(tmp, name)
    ws = os.path.join(root, "ws")
    release = os.path.join(tmp, "release")
    write_config(root, repo=repo, workspace=ws, release=release)
    if stock:
        with open(os.path.join(root, "nbgrader_config.py"), "w") as fh:
            fh.write(STOCK_CONFIG.format(repo=repo, ws=ws, release=release))
    subprocess.run([_bin("nbgrader"), "generate_assignment", lesson, "--force"], cwd=root, env=_env(root, ws),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.copytree(submitted, os.path.join(ws, "submitted"), dirs_exist_ok=True)
    return root, ws


def _grades(ws: str, lesson: str) -> dict:
    from nbgrader.api import Gradebook, MissingEntry

    out = {}
    with Gradebook("sqlite:///" + os.path.join(ws, "gradebook.db")) as gb:
        for sub in gb.assignment_submissions(lesson):
            try:
                out[sub.student.id] = {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades}
            except MissingEntry:
                continue
    return out


def main(repo: str, lesson: str, students: int = 8, pairs: int = 5, out: str = "build/bench-grading.json",
         throughput_pairs: int = 1, class_pairs: int = 2) -> int:
    from nncourse.grading.synth import synth_class

    os.environ.setdefault("NNCOURSE_SECRET", "bench-grading")
    load = [os.getloadavg()]
    tmp = tempfile.mkdtemp(prefix="nncourse-bench-grading-")
    result: dict = {"lesson": lesson, "students": students, "cores": os.cpu_count(),
                    "note": "wall clock on a machine possibly shared with other jobs; see load_average"}
    try:
        # the class, and the release it is made from
        gen_root, gen_ws = _course(tmp, "gen", repo, lesson, submitted=tempfile.mkdtemp(dir=tmp))
        roster = synth_class(repo, lesson, os.path.join(tmp, "class"), students, seed=1,
                             release_dir=os.path.join(tmp, "release"))
        submitted = os.path.join(tmp, "class", "submitted")
        result["class"] = {s: i["kind"] for s, i in roster.items()}

        # 1. per submission, stock and ours alternating
        stock_root, stock_ws = _course(tmp, "stock", repo, lesson, submitted, stock=True)
        ours_root, ours_ws = _course(tmp, "ours", repo, lesson, submitted)
        safe = [s for s, i in roster.items() if i["kind"] in SAFE]
        timed = [safe[k % len(safe)] for k in range(pairs)] if safe else []
        per = []
        for k, student in enumerate(timed):
            cmd = [_bin("nbgrader"), "autograde", lesson, "--student", student, "--force"]
            runs = [("stock", stock_root, stock_ws), ("ours", ours_root, ours_ws)]
            if k % 2:
                runs.reverse()
            t = {name: _timed(cmd, root, _env(root, ws)) for name, root, ws in runs}
            per.append({"student": student, "kind": roster[student]["kind"], "stock_s": round(t["stock"], 3),
                        "ours_s": round(t["ours"], 3), "ratio": round(t["ours"] / t["stock"], 3)})
            print(f"  {student} ({roster[student]['kind']}): stock {t['stock']:.2f} s, ours {t['ours']:.2f} s, "
                  f"ratio {t['ours'] / t['stock']:.2f}", flush=True)
        result["per_submission"] = per
        if per:
            result["per_submission_median_ratio"] = statistics.median(p["ratio"] for p in per)
            result["stock_median_s"] = statistics.median(p["stock_s"] for p in per)
            result["ours_median_s"] = statistics.median(p["ours_s"] for p in per)
        load.append(os.getloadavg())

        # 1b. per submission within one nbgrader run over the safe part of the class
        #     (nbgrader's start-up paid once per run, not once per student)
        in_class = []
        if safe:
            safe_dir = os.path.join(tmp, "safe")
            for student in safe:
                shutil.copytree(os.path.join(submitted, student), os.path.join(safe_dir, student))
            s_root, s_ws = _course(tmp, "stock-class", repo, lesson, safe_dir, stock=True)
            o_root, o_ws = _course(tmp, "ours-class", repo, lesson, safe_dir)
            for k in range(class_pairs):
                cmd = [_bin("nbgrader"), "autograde", lesson, "--force"]
                runs = [("stock", s_root, s_ws), ("ours", o_root, o_ws)]
                if k % 2:
                    runs.reverse()
                t = {name: _timed(cmd, root, _env(root, ws)) / len(safe) for name, root, ws in runs}
                in_class.append({"stock_s": round(t["stock"], 3), "ours_s": round(t["ours"], 3),
                                 "ratio": round(t["ours"] / t["stock"], 3)})
                print(f"  class of {len(safe)}: per submission stock {t['stock']:.2f} s, ours {t['ours']:.2f} s, "
                      f"ratio {t['ours'] / t['stock']:.2f}", flush=True)
            result["per_submission_in_class_run"] = in_class
            result["in_class_median_ratio"] = statistics.median(p["ratio"] for p in in_class)
        load.append(os.getloadavg())

        # 2. throughput on the whole class
        def whole_class(tag: str, *opts: str) -> dict:
            root, ws = _course(tmp, f"{tag}-{time.monotonic_ns()}", repo, lesson, submitted)
            dt = _timed([_bin("nncourse"), "autograde", lesson, *opts], root, _env(root, ws))
            row = {"mode": tag, "seconds": round(dt, 2), "per_minute": round(60.0 * students / dt, 2),
                   "grades": _grades(ws, lesson)}
            print(f"  {tag}: {students} submissions in {dt:.1f} s = {row['per_minute']:.1f} per minute", flush=True)
            return row

        runs = []
        for k in range(throughput_pairs):
            order = [("jobs1", "--jobs", "1"), ("jobs2", "--jobs", "2")]
            if k % 2:
                order.reverse()
            runs += [whole_class(tag, *opts) for tag, *opts in order]
        runs.append(whole_class("dask-local-2", "--cluster", "local", "--jobs", "2"))
        load.append(os.getloadavg())
        result["throughput"] = [{k: v for k, v in r.items() if k != "grades"} for r in runs]
        j1 = [r["seconds"] for r in runs if r["mode"] == "jobs1"]
        j2 = [r["seconds"] for r in runs if r["mode"] == "jobs2"]
        result["jobs2_over_jobs1"] = statistics.median(a / b for a, b in zip(j1, j2))
        result["same_grades_in_every_mode"] = all(r["grades"] == runs[0]["grades"] for r in runs)
        per_core = runs[0]["per_minute"]
        result["submissions_per_minute_per_core"] = per_core
        course = 1000 * 11
        result["course_1000x11_hours"] = {
            "16_cores": round(course / (per_core * 16) / 60, 2),
            "10_nodes_x_16_cores": round(course / (per_core * 160) / 60, 2)}
        result["load_average"] = load
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as fh:
        json.dump(result, fh, indent=1)
    print()
    if "per_submission_median_ratio" in result:
        print(f"per submission: ours {result['ours_median_s']:.2f} s, stock nbgrader {result['stock_median_s']:.2f} s; "
              f"median ratio ours/stock {result['per_submission_median_ratio']:.2f} (goal <= 0.5)")
    if "in_class_median_ratio" in result:
        print(f"per submission within one nbgrader run over the class: median ratio ours/stock "
              f"{result['in_class_median_ratio']:.2f}")
    print(f"--jobs 2 / --jobs 1 throughput: {result['jobs2_over_jobs1']:.2f}x on {os.cpu_count()} cores (goal >= 1.7)")
    print(f"{result['submissions_per_minute_per_core']:.1f} submissions per minute per core; a 1,000-student, "
          f"11-lesson course: {result['course_1000x11_hours']['16_cores']:.2f} h on 16 cores, "
          f"{result['course_1000x11_hours']['10_nodes_x_16_cores']:.2f} h on 10 nodes of 16 cores")
    print(f"same grades in every mode: {result['same_grades_in_every_mode']}; load average {load}")
    print(f"written: {out}")
    return 0 if result["same_grades_in_every_mode"] else 1
