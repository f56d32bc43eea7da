"""``make bench-grading``: our grading against stock nbgrader, and how it scales.

On one synthetic class of a lesson (:mod:`nncourse.grading.synth`), in one run:

1. **per submission**: ``nbgrader autograde LESSON --student S --force`` with
   stock nbgrader (its ``Execute`` runs the notebook in a kernel: a config
   without our preprocessor), with ours, with ours cold-starting every worker
   (``NNCOURSE_ZYGOTE=0``: the zygote against the cold start) and with no
   grading at all (the **floor**: nbgrader's own start-up and bookkeeping, no
   preprocessor in place of ``Execute``), rotating which goes first, on the
   same submissions; the ratio of each adjacent pair, and their medians.  Only
   submissions that are safe to execute without limits (full, partial,
   mistakes, untouched) are timed this way: stock nbgrader would run a
   sample's memory hog with no memory limit.
   Then the same, per submission, within one ``nbgrader autograde --force``
   over those submissions (start-up paid once per run), alternating.
2. **throughput**: in five rounds, the whole class with ``nncourse autograde --jobs 1`` on
   every core, ``--jobs 1`` confined to one core (``taskset``), ``--jobs 2``
   (rotating, so each round shares the machine's load) and a local Dask
   cluster of 2 workers, each into a fresh workspace; submissions per minute,
   the scaling from one core to two (``--jobs 2`` against ``--jobs 1`` on one
   core) and the ratio of ``--jobs 2`` to ``--jobs 1`` on the same cores (which
   understates it: ``--jobs 1`` already keeps part of a second core busy, the
   next cell's worker loading while the current cell is graded).  The rate per
   core is the one-core run's.
3. **the gradebook writer**: ``nbgrader autograde`` over the whole class with
   every notebook's results already computed (the one writer of a ``--jobs``
   or Dask run): notebooks written per second.

Every figure has its wall-clock time and its CPU time: the busy time of every
core of the machine while it ran (the process tree's own account misses the
sandboxes it kills; see :func:`_children_cpu`), so run it on an otherwise idle
machine.  Writes ``build/bench-grading.json`` and prints the ratios; the load
average is recorded with them.
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
# the floor: nbgrader's own work with nothing in place of Execute (no grading at all)
FLOOR_CONFIG = STOCK_CONFIG.replace('["nbgrader.preprocessors.Execute", ', "[").replace(
    "Execute runs the notebook in a kernel", "no preprocessor in place of Execute")
SAFE = ("full", "partial", "mistake", "untouched")


def _bin(name: str) -> str:
    exe = os.path.join(os.path.dirname(sys.executable), name)
    return exe if os.path.exists(exe) else name


def _env(root: str, ws: str) -> dict:
    env = dict(os.environ)
    env.update(NNCOURSE_ROOT=root, NNCOURSE_WORKSPACE=ws, PYDEVD_DISABLE_FILE_VALIDATION="1")
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def become_subreaper() -> None:
    """Adopt every orphaned descendant, so that it is reaped (Linux; elsewhere a no-op)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _reap(seconds: float = 3.0) -> None:
    """Reap finished descendants (the subreaper's orphans) for up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def _children_cpu() -> float:
    """CPU seconds used so far: the busy time of every core of the machine (``/proc/stat``), or where
    that cannot be read, of this process's reaped descendants.

    The descendants' own account (``RUSAGE_CHILDREN``) misses a fifth of a grading run: measured on
    ``--jobs 1`` confined to one core, it gave 15 s of CPU for 19 s in which that core was busy
    throughout. The machine's busy time counts everything, so other jobs on it count too (see
    ``load_average``).
    """
    try:
        with open("/proc/stat") as fh:
            fields = [int(v) for v in fh.readline().split()[1:9]]
        return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")   # all but idle and iowait
    except (OSError, ValueError, IndexError):
        import resource

        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime


def _run(cmd: list[str], cwd: str, env: dict) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds (see :func:`_children_cpu`), output) of ``cmd``."""
    _reap(0)
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dt = time.perf_counter() - t0
    _reap()
    if proc.returncode not in (0, 1):  # 1: some students failed to grade (the broken ones)
        raise RuntimeError(f"`{' '.join(cmd)}` failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}")
    return dt, _children_cpu() - cpu0, proc.stdout


def _timed(cmd: list[str], cwd: str, env: dict) -> tuple[float, float]:
    wall, cpu, _ = _run(cmd, cwd, env)
    return wall, cpu


def _on_cores(cmd: list[str], cores: int) -> list[str]:
    """``cmd`` confined, with everything it starts, to the first ``cores`` CPUs this process may use."""
    allowed = sorted(os.sched_getaffinity(0))
    if cores >= len(allowed):
        return cmd
    taskset = shutil.which("taskset")
    if taskset is None:
        raise RuntimeError("taskset (util-linux) is needed to measure grading on fewer cores")
    return [taskset, "-c", ",".join(map(str, allowed[:cores])), *cmd]


def _course(tmp: str, name: str, repo: str, lesson: str, submitted: str, config: str | None = None) -> tuple[str, str]:
    """A config folder and workspace with the lesson generated and ``submitted`` copied in
    (``config``: another ``nbgrader_config.py`` template than ours, e.g. :data:`STOCK_CONFIG`)."""
    from nncourse.grading.config import write_config

    root = os.path.join(tmp, name)
    ws = os.path.join(root, "ws")
    release = os.path.join(tmp, "release")
    write_config(root, repo=repo, workspace=ws, release=release)
    if config:
        with open(os.path.join(root, "nbgrader_config.py"), "w") as fh:
            fh.write(config.format(repo=repo, ws=ws, release=release))
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


def _median(rows: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 3)


def _per_submission(tmp, repo, lesson, submitted, roster, pairs) -> dict:
    """Single-student runs of stock, ours, ours cold and the floor, rotating the order."""
    modes = [("stock", STOCK_CONFIG, {}), ("ours", None, {}), ("ours_cold", None, {"NNCOURSE_ZYGOTE": "0"}),
             ("floor", FLOOR_CONFIG, {})]
    where = {name: _course(tmp, name, repo, lesson, submitted, config) for name, config, _ in modes}
    safe = [s for s, i in roster.items() if i["kind"] in SAFE]
    rows = []
    for k in range(pairs if safe else 0):
        student = safe[k % len(safe)]
        cmd = [_bin("nbgrader"), "autograde", lesson, "--student", student, "--force"]
        order = modes[k % len(modes):] + modes[:k % len(modes)]
        row = {"student": student, "kind": roster[student]["kind"]}
        for name, _, extra in order:
            root, ws = where[name]
            wall, cpu = _timed(cmd, root, {**_env(root, ws), **extra})
            row[f"{name}_s"], row[f"{name}_cpu_s"] = round(wall, 3), round(cpu, 3)
        for a, b in (("ours", "stock"), ("ours", "ours_cold"), ("floor", "stock")):
            row[f"{a}/{b}"] = round(row[f"{a}_s"] / row[f"{b}_s"], 3)
            row[f"{a}/{b}_cpu"] = round(row[f"{a}_cpu_s"] / row[f"{b}_cpu_s"], 3)
        rows.append(row)
        print(f"  {student} ({row['kind']}): stock {row['stock_s']:.2f} s, ours {row['ours_s']:.2f} s "
              f"(cold start {row['ours_cold_s']:.2f} s), floor {row['floor_s']:.2f} s; ours/stock "
              f"{row['ours/stock']:.2f} (CPU {row['ours/stock_cpu']:.2f})", flush=True)
    out: dict = {"per_submission": rows}
    if rows:
        for key in ("stock_s", "ours_s", "ours_cold_s", "floor_s", "stock_cpu_s", "ours_cpu_s", "ours_cold_cpu_s",
                    "floor_cpu_s", "ours/stock", "ours/stock_cpu", "ours/ours_cold", "ours/ours_cold_cpu"):
            out[f"median {key}"] = _median(rows, key)
        # the grading alone: what each adds to nbgrader's own work
        out["median (ours-floor)/(stock-floor)"] = round(statistics.median(
            (r["ours_s"] - r["floor_s"]) / (r["stock_s"] - r["floor_s"]) for r in rows), 3)
    return out


def _in_class(tmp, repo, lesson, submitted, roster, class_pairs) -> dict:
    """Per submission within one nbgrader run over the safe part of the class (start-up paid once)."""
    safe = [s for s, i in roster.items() if i["kind"] in SAFE]
    if not safe:
        return {}
    safe_dir = os.path.join(tmp, "safe")
    for student in safe:
        shutil.copytree(os.path.join(submitted, student), os.path.join(safe_dir, student))
    where = {"stock": _course(tmp, "stock-class", repo, lesson, safe_dir, STOCK_CONFIG),
             "ours": _course(tmp, "ours-class", repo, lesson, safe_dir)}
    rows = []
    for k in range(class_pairs):
        cmd = [_bin("nbgrader"), "autograde", lesson, "--force"]
        order = ["stock", "ours"] if k % 2 == 0 else ["ours", "stock"]
        row = {}
        for name in order:
            root, ws = where[name]
            wall, cpu = _timed(cmd, root, _env(root, ws))
            row[f"{name}_s"], row[f"{name}_cpu_s"] = round(wall / len(safe), 3), round(cpu / len(safe), 3)
        row["ratio"] = round(row["ours_s"] / row["stock_s"], 3)
        row["ratio_cpu"] = round(row["ours_cpu_s"] / row["stock_cpu_s"], 3)
        rows.append(row)
        print(f"  class of {len(safe)}: per submission stock {row['stock_s']:.2f} s, ours {row['ours_s']:.2f} s, "
              f"ratio {row['ratio']:.2f} (CPU {row['ratio_cpu']:.2f})", flush=True)
    return {"per_submission_in_class_run": rows, "in_class_median_ratio": _median(rows, "ratio"),
            "in_class_median_ratio_cpu": _median(rows, "ratio_cpu")}


def _writer_rate(tmp, repo, lesson, submitted) -> dict:
    """``nbgrader autograde`` over the class with every result computed ahead: notebooks written per second."""
    from nncourse.grading.batch import PRECOMPUTED_ENV, ResultStore
    from nncourse.grading.parallel import Plan, run_local

    root, ws = _course(tmp, "writer", repo, lesson, submitted)
    env = _env(root, ws)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        plan = Plan(root, ws, lesson)
        store = ResultStore(os.path.join(tmp, "writer-results"))
        run_local(plan.tasks(store.put), plan.autograder_dir, 2, store.put, lesson)
        store.close()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    wall, cpu, out = _run([_bin("nbgrader"), "autograde", lesson], root, {**env, PRECOMPUTED_ENV: store.folder})
    n = len(plan.items)
    used = out.count("using the grades computed ahead")
    print(f"  gradebook writer: {n} notebooks ({used} with results computed ahead) in {wall:.1f} s "
          f"= {n / wall:.2f} per second (CPU {cpu:.1f} s)", flush=True)
    return {"notebooks": n, "used_computed_ahead": used, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "per_second": round(n / wall, 2)}


def main(repo: str, lesson: str, students: int = 8, pairs: int = 5, out: str = "build/bench-grading.json",
         throughput_pairs: int = 5, class_pairs: int = 2) -> int:
    from nncourse.grading.synth import synth_class

    os.environ.setdefault("NNCOURSE_SECRET", "bench-grading")
    become_subreaper()
    load = [os.getloadavg()]
    tmp = tempfile.mkdtemp(prefix="nncourse-bench-grading-")
    result: dict = {"lesson": lesson, "students": students, "cores": os.cpu_count(),
                    "note": "wall clock, and CPU time as the busy time of every core of the machine during "
                            "each run (other jobs on it included; see load_average)"}
    try:
        # the class, and the release it is made from
        _course(tmp, "gen", repo, lesson, submitted=tempfile.mkdtemp(dir=tmp))
        roster = synth_class(repo, lesson, os.path.join(tmp, "class"), students, seed=1,
                             release_dir=os.path.join(tmp, "release"))
        submitted = os.path.join(tmp, "class", "submitted")
        result["class"] = {s: i["kind"] for s, i in roster.items()}

        # 1. per submission: stock, ours, ours cold, floor
        result.update(_per_submission(tmp, repo, lesson, submitted, roster, pairs))
        load.append(os.getloadavg())
        result.update(_in_class(tmp, repo, lesson, submitted, roster, class_pairs))
        load.append(os.getloadavg())

        # 2. throughput on the whole class
        def whole_class(tag: str, *opts: str, cores: int | None = None) -> dict:
            root, ws = _course(tmp, f"{tag}-{time.monotonic_ns()}", repo, lesson, submitted)
            cmd = [_bin("nncourse"), "autograde", lesson, *opts]
            dt, cpu = _timed(_on_cores(cmd, cores) if cores else cmd, root, _env(root, ws))
            row = {"mode": tag, "seconds": round(dt, 2), "cpu_seconds": round(cpu, 2),
                   "per_minute": round(60.0 * students / dt, 2), "grades": _grades(ws, lesson)}
            print(f"  {tag}: {students} submissions in {dt:.1f} s = {row['per_minute']:.1f} per minute "
                  f"(CPU {cpu:.1f} s)", flush=True)
            return row

        # --jobs 1 on both cores (its grader and the worker it starts ahead run side by side) and
        # on one core (what one core grades: the scaling figure and the per-core rate), --jobs 2
        runs = []
        for k in range(throughput_pairs):
            order = [("jobs1", "--jobs", "1"), ("jobs1-one-core", "--jobs", "1"), ("jobs2", "--jobs", "2")]
            if k % 2:
                order.reverse()
            runs += [whole_class(tag, *opts, cores=1 if tag.endswith("one-core") else None)
                     for tag, *opts in order]
        runs.append(whole_class("dask-local-2", "--cluster", "local", "--jobs", "2"))
        load.append(os.getloadavg())
        result["throughput"] = [{k: v for k, v in r.items() if k != "grades"} for r in runs]

        def seconds(mode: str) -> list[float]:
            return [r["seconds"] for r in runs if r["mode"] == mode]

        j1, j1_one, j2 = seconds("jobs1"), seconds("jobs1-one-core"), seconds("jobs2")
        result["jobs2_over_jobs1"] = round(statistics.median(a / b for a, b in zip(j1, j2)), 3)
        result["two_cores_over_one"] = round(statistics.median(a / b for a, b in zip(j1_one, j2)), 3)
        result["same_grades_in_every_mode"] = all(r["grades"] == runs[0]["grades"] for r in runs)
        one_core = [r for r in runs if r["mode"] == "jobs1-one-core"]
        per_core = round(statistics.median(r["per_minute"] for r in one_core), 2)
        result["submissions_per_minute_per_core"] = per_core
        # the same from CPU time (one core busy throughout, on an idle machine: about the same)
        result["submissions_per_cpu_minute"] = round(statistics.median(
            60.0 * students / r["cpu_seconds"] for r in one_core), 2)

        # 3. the gradebook writer alone
        result["gradebook_writer"] = _writer_rate(tmp, repo, lesson, submitted)
        load.append(os.getloadavg())
        # a 1,000-student course of 11 lessons: graders on every core, but one writer per run
        course, writer = 1000 * 11, 60.0 * result["gradebook_writer"]["per_second"]
        result["course_1000x11_hours"] = {
            name: {"cores_only": round(course / (per_core * cores) / 60, 2),
                   "with_one_writer": round(course / min(per_core * cores, writer) / 60, 2)}
            for name, cores in (("16_cores", 16), ("10_nodes_x_16_cores", 160))}
        result["load_average"] = load
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as fh:
        json.dump(result, fh, indent=1)
    print()
    if "median ours/stock" in result:
        print(f"per submission (one nbgrader run each): ours {result['median ours_s']:.2f} s, stock nbgrader "
              f"{result['median stock_s']:.2f} s, nbgrader with no grading (floor) {result['median floor_s']:.2f} s; "
              f"median ratio ours/stock {result['median ours/stock']:.2f} (goal <= 0.5; CPU "
              f"{result['median ours/stock_cpu']:.2f}), grading alone (minus the floor) "
              f"{result['median (ours-floor)/(stock-floor)']:.2f}")
        print(f"zygote against cold-started workers: median wall-clock ratio {result['median ours/ours_cold']:.2f}")
    if "in_class_median_ratio" in result:
        print(f"per submission within one nbgrader run over the class: median ratio ours/stock "
              f"{result['in_class_median_ratio']:.2f} (CPU {result['in_class_median_ratio_cpu']:.2f})")
    print(f"throughput of --jobs 2 on two cores / --jobs 1 on one core: {result['two_cores_over_one']:.2f}x "
          f"(goal >= 1.7); / --jobs 1 on two cores: {result['jobs2_over_jobs1']:.2f}x")
    print(f"gradebook writer: {result['gradebook_writer']['per_second']:.2f} notebooks per second")
    hours = result["course_1000x11_hours"]
    print(f"{result['submissions_per_minute_per_core']:.1f} submissions per minute per core "
          f"({result['submissions_per_cpu_minute']:.1f} per CPU minute); a 1,000-student, 11-lesson course: "
          f"{hours['16_cores']['cores_only']:.2f} h on 16 cores, {hours['10_nodes_x_16_cores']['cores_only']:.2f} h "
          f"on 10 nodes of 16 cores if the gradebook writer kept up; with one writer per run "
          f"({60 * result['gradebook_writer']['per_second']:.0f} notebooks per minute): "
          f"{hours['16_cores']['with_one_writer']:.2f} h and {hours['10_nodes_x_16_cores']['with_one_writer']:.2f} h")
    print(f"same grades in every mode: {result['same_grades_in_every_mode']}; load average {load}")
    print(f"written: {out}")
    return 0 if result["same_grades_in_every_mode"] else 1
