"""Submissions built to attack grading, through the real `nbgrader autograde` with our config.

One workspace of the mini course holds an honest student and one student per
attack; it is graded once (module fixture) and each test reads what that run
left: scores, the autograded notebooks' feedback, the files under
autograded/ and feedback/.  Issue #10 numbers the holes; each test names its hole.
"""

import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from nncourse.grading.config import write_config
from nncourse.grading.course import Course, autograde, status_table

pytestmark = pytest.mark.slow

GOOD_RELU = "def relu(z):\n    return np.maximum(z, 0.0)\n"
GOOD_AFFINE = ("class Affine:\n    def __init__(self, W, b):\n        self.W, self.b = W, b\n"
               "    def forward(self, x):\n        self.x = x\n        return x @ self.W + self.b\n"
               "    def backward(self, g):\n        self.dW = self.x.T @ g\n        self.db = g.sum(axis=0)\n"
               "        return g @ self.W.T\n")

SNOOP = '''def relu(z):
    import os
    try:
        open("/etc/shadow").read()
        shadow = "READABLE"
    except OSError as exc:
        shadow = type(exc).__name__
    cmdline = open("/proc/1/cmdline", "rb").read().replace(bytes(1), b" ").decode()
    procs = len([p for p in os.listdir("/proc") if p.isdigit()])
    raise RuntimeError(f"shadow={shadow} | cmdline={cmdline} | procs={procs} |")
'''

FORK_BOMB = '''def relu(z):
    import os, time
    n = 0
    try:
        while n < 2000:
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
            n += 1
    except OSError:
        pass
    raise RuntimeError(f"forked {n} processes")
'''

MEMORY_TREE = '''def relu(z):
    import os, time
    for _ in range(3):
        if os.fork() == 0:
            held = np.ones(300 * 2**20 // 8)
            time.sleep(20)
            os._exit(0)
    time.sleep(2.5)
    return np.maximum(z, 0.0)
'''

SLEEPER = ("import signal, time\n_ = signal.signal(signal.SIGALRM, signal.SIG_IGN)\n_ = time.sleep(600)\n"
           + GOOD_RELU)

KILL_SELF = "def relu(z):\n    import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)\n"
SEGFAULT = GOOD_AFFINE.replace("        self.x = x\n", "        import ctypes\n        ctypes.string_at(0)\n")
EXITS = "def relu(z):\n    import os\n    os._exit(3)\n"
HUGE_ANSWER = "def relu(z):\n    return np.zeros(9_000_000, dtype=np.uint8)\n"
SHOW_INPUT = "def relu(z):\n    raise RuntimeError(f'input {np.round(z, 6).tolist()}')\n"

LIMITS = ('\n[limits]\ncall_seconds = 3\ncell_seconds = 6\nload_seconds = 30\n'
          'tree_memory_bytes = 536870912\nmax_processes = 32\n')


def _answer(release, **answers):
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


def _make_course(root):
    import build as mini_build

    repo = mini_build.make_course(os.path.join(root, "course"))
    manifest = os.path.join(repo, "autograder", "mini", "lesson.toml")
    text = open(manifest).read()
    text = text[:text.index("[limits]")] if "[limits]" in text else text
    with open(manifest, "w") as fh:
        fh.write(text + LIMITS)
    ws = os.path.join(root, "ws")
    write_config(root, repo=repo, workspace=ws)
    c = Course(root, ws)
    c.nbgrader("generate_assignment", "mini", "--force")
    c.release = nbformat.read(os.path.join(repo, "lessons", "mini", "mini.ipynb"), as_version=4)
    return c


def _folder(course, student):
    d = os.path.join(course.workspace, "submitted", student, "mini")
    os.makedirs(d, exist_ok=True)
    return d


def _submit(course, student, relu=GOOD_RELU, affine=GOOD_AFFINE):
    nbformat.write(_answer(course.release, relu=relu, affine=affine),
                   os.path.join(_folder(course, student), "mini.ipynb"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("attacks"))
    c = _make_course(root)
    ws = c.workspace
    _submit(c, "honest")
    # hole 1: links and special files next to an honest notebook
    _submit(c, "links")
    d = _folder(c, "links")
    os.symlink("../../../gradebook.db", os.path.join(d, "grades.db"))
    os.symlink("../../../.nncourse_secret", os.path.join(d, "secret.txt"))
    os.symlink("/etc/passwd", os.path.join(d, "passwd"))
    os.symlink("/nonexistent/folder", os.path.join(d, "data"))
    os.mkfifo(os.path.join(d, "pipe"))
    os.makedirs(os.path.join(d, "sub"))
    os.symlink("../../../../gradebook.db", os.path.join(d, "sub", "deep.db"))
    with open(os.path.join(d, "notes.txt"), "w") as fh:
        fh.write("my own notes")
    _submit(c, "snoop", relu=SNOOP)              # hole 3
    _submit(c, "forkbomb", relu=FORK_BOMB)       # hole 4
    _submit(c, "memtree", relu=MEMORY_TREE)      # hole 4
    _submit(c, "sleeper", relu=SLEEPER)          # hole 6
    _submit(c, "hugeanswer", relu=HUGE_ANSWER)   # hole 7
    _submit(c, "replay", relu=SHOW_INPUT)        # hole 8
    _submit(c, "crash", relu=KILL_SELF, affine=SEGFAULT)  # hole 9
    _submit(c, "exits", relu=EXITS)              # hole 9
    # hole 11: failures that must say why
    open(os.path.join(_folder(c, "empty"), "mini.ipynb"), "w").close()
    with open(os.path.join(_folder(c, "notjson"), "mini.ipynb"), "w") as fh:
        fh.write("{ this is not a notebook")
    nbformat.write(c.release, os.path.join(_folder(c, "renamed"), "mini (1).ipynb"))
    with open(os.path.join(_folder(c, "missing"), "readme.txt"), "w") as fh:
        fh.write("forgot the notebook")
    with open(os.path.join(ws, ".nncourse_secret"), "w") as fh:
        fh.write("attack-test-secret-0123456789")
    rows = autograde(c, "mini", log=lambda *a: None, jobs=2)
    c.rows = {r.student: r for r in rows}
    c.nbgrader("generate_feedback", "mini", "--force")
    return c


def feedback_of(course, student, grade_id):
    """The feedback text grading wrote into a grade cell of the autograded notebook."""
    nb = nbformat.read(os.path.join(course.workspace, "autograded", student, "mini", "mini.ipynb"), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    raise AssertionError(f"no grade cell {grade_id} in {student}'s autograded notebook")


def _all_files(top):
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            yield os.path.join(dirpath, name)


def test_honest_score_is_full(graded):
    assert (graded.rows["honest"].score, graded.rows["honest"].status) == (6.0, "graded")


# -- hole 1 ----------------------------------------------------------------------

def test_hole1_links_and_special_files_are_never_followed_or_copied(graded):
    assert (graded.rows["links"].score, graded.rows["links"].status) == (6.0, "graded")
    secret = open(os.path.join(graded.workspace, ".nncourse_secret")).read()
    passwd = open("/etc/passwd").read()
    for top in ("autograded", "feedback"):
        for path in _all_files(os.path.join(graded.workspace, top)):
            assert not os.path.islink(path), path
            if os.path.isfile(path):
                data = open(path, "rb").read()
                assert not data.startswith(b"SQLite format"), path
                assert secret.encode() not in data and passwd.encode() not in data, path
    kept = os.path.join(graded.workspace, "autograded", "links", "mini")
    assert sorted(os.listdir(kept)) == ["mini.ipynb", "notes.txt", "timestamp.txt"] or \
        sorted(os.listdir(kept)) == ["mini.ipynb", "notes.txt"]
    html = open(os.path.join(graded.workspace, "feedback", "links", "mini", "mini.html")).read()
    assert "Files in your submission that were ignored" in html
    for name in ("grades.db", "secret.txt", "passwd", "data", "pipe", "sub/deep.db"):
        assert name in html, name


def test_hole1_zip_collect_refuses_archives_that_write_outside(graded, tmp_path):
    archive_dir = os.path.join(graded.workspace, "downloaded", "mini", "archive")
    os.makedirs(archive_dir, exist_ok=True)
    with zipfile.ZipFile(os.path.join(archive_dir, "evil.zip"), "w") as zf:
        zf.writestr("../../../../escaped.txt", "outside")
        zf.writestr("mini.ipynb", "{}")
    with zipfile.ZipFile(os.path.join(archive_dir, "fine.zip"), "w") as zf:
        zf.writestr("fine/mini.ipynb", "{}")
    proc = graded.nbgrader("zip_collect", "mini", "--force", check=False)
    assert "archive" in proc.stdout and "evil.zip refused" in proc.stdout
    assert "would be written outside the extraction folder" in proc.stdout
    extracted = os.path.join(graded.workspace, "downloaded", "mini", "extracted")
    names = [os.path.relpath(p, extracted) for p in _all_files(extracted)]
    assert not any("escaped" in n or n.startswith("evil") for n in names), names
    assert any(n.startswith("fine") for n in names), names
    assert not any(os.path.exists(os.path.join(graded.workspace, *[".."] * k, "escaped.txt")) for k in range(5))


def test_hole1_collect_copies_links_as_links_and_autograde_ignores_them(graded, tmp_path):
    exchange = tmp_path / "exchange"
    inbound = exchange / "course1" / "inbound" / "collector+mini+2024-01-01 00:00:00.000000 UTC+abc"
    inbound.mkdir(parents=True)
    nbformat.write(_answer(graded.release, relu=GOOD_RELU, affine=GOOD_AFFINE), str(inbound / "mini.ipynb"))
    (inbound / "timestamp.txt").write_text("2024-01-01 00:00:00.000000 UTC")
    os.symlink(os.path.join(graded.workspace, "gradebook.db"), inbound / "grades.db")
    os.mkfifo(inbound / "pipe")
    proc = graded.nbgrader("collect", "mini", f"--Exchange.root={exchange}", "--CourseDirectory.course_id=course1",
                           check=False)
    assert proc.returncode == 0, proc.stdout
    got = os.path.join(graded.workspace, "submitted", "collector", "mini")
    assert os.path.islink(os.path.join(got, "grades.db")) and not os.path.exists(os.path.join(got, "pipe"))
    graded.nbgrader("autograde", "mini", "--student", "collector", "--force")
    assert feedback_of(graded, "collector", "grade_relu").startswith("Autograded: 2 / 2")
    for path in _all_files(os.path.join(graded.workspace, "autograded", "collector")):
        assert not os.path.islink(path), path
        assert not os.path.isfile(path) or not open(path, "rb").read().startswith(b"SQLite format"), path


# -- hole 3 ----------------------------------------------------------------------

def test_hole3_student_code_reads_no_root_file_and_no_host_process(graded):
    text = feedback_of(graded, "snoop", "grade_relu")
    m = re.search(r"shadow=(\S+) \| cmdline=(.*?) \| procs=(\d+) \|", text)
    assert m, text
    assert m.group(1) in ("FileNotFoundError", "PermissionError")
    assert graded.workspace not in m.group(2) and graded.root not in m.group(2)
    assert int(m.group(3)) <= 3  # bwrap's init, the worker (and nothing of the host)


# -- hole 4 ----------------------------------------------------------------------

def test_hole4_fork_bomb_is_capped_per_submission(graded):
    text = feedback_of(graded, "forkbomb", "grade_relu")
    counts = [int(n) for n in re.findall(r"forked (\d+) processes", text)]
    assert counts and max(counts) < 32, text
    assert graded.rows["forkbomb"].score == 4.0


def test_hole4_memory_is_capped_across_the_process_tree(graded):
    text = feedback_of(graded, "memtree", "grade_relu")
    assert "MiB of memory together" in text, text
    assert graded.rows["memtree"].score < 6.0


# -- hole 6 ----------------------------------------------------------------------

def test_hole6_a_hanging_load_costs_at_most_one_cell_budget(graded):
    waited = []
    for gid in ("grade_relu", "grade_affine"):
        text = feedback_of(graded, "sleeper", gid)
        waited += [float(s) for s in re.findall(r"took longer than ([\d.]+) s", text)]
    assert waited and max(waited) <= 6.0, waited
    assert graded.rows["sleeper"].score == 0.0


# -- hole 7 ----------------------------------------------------------------------

def test_hole7_answers_are_bounded(graded):
    text = feedback_of(graded, "hugeanswer", "grade_relu")
    assert "more than 8 MB of data in one answer" in text, text


# -- hole 9 ----------------------------------------------------------------------

def test_hole9_crash_messages_say_what_happened(graded):
    assert "was killed (out of memory, or by a signal)" in feedback_of(graded, "crash", "grade_relu")
    assert "crashed (segmentation fault)" in feedback_of(graded, "crash", "grade_affine")
    exits = feedback_of(graded, "exits", "grade_relu")
    assert "called exit()" in exits and "did your code call" not in exits


# -- hole 11 ---------------------------------------------------------------------

def test_hole11_every_failure_says_why(graded):
    reasons = {s: graded.rows[s].reason for s in ("empty", "notjson", "renamed", "missing")}
    assert all(graded.rows[s].status == "failed to grade" for s in reasons)
    assert "empty file" in reasons["empty"]
    assert "not JSON" in reasons["notjson"]
    assert "renamed" in reasons["renamed"] and "mini (1).ipynb" in reasons["renamed"]
    assert "missing" in reasons["missing"]
    ok = subprocess.run([sys.executable, "-m", "nncourse.cli", "report", "mini"], cwd=graded.root,
                        env=dict(graded.env(), NNCOURSE_ROOT=graded.root), text=True, capture_output=True)
    for s in ("empty", "notjson", "renamed", "missing"):
        line = next(ln for ln in ok.stdout.splitlines() if ln.startswith(s + " "))
        assert "failed to grade (" in line, line


# -- hole 8 (regrades the workspace: after the tests that read it) ------------------

def test_hole8_resubmission_draws_new_inputs_regrade_the_same(graded):
    first = feedback_of(graded, "replay", "grade_relu")
    assert "input [" in first
    graded.nbgrader("autograde", "mini", "--student", "replay", "--force")
    assert feedback_of(graded, "replay", "grade_relu") == first
    path = os.path.join(graded.workspace, "submitted", "replay", "mini", "mini.ipynb")
    nbformat.write(_answer(graded.release, relu=SHOW_INPUT + "# second try\n", affine=GOOD_AFFINE), path)
    graded.nbgrader("autograde", "mini", "--student", "replay", "--force")
    again = feedback_of(graded, "replay", "grade_relu")
    assert "input [" in again and again != first


# -- hole 12 ---------------------------------------------------------------------

def test_hole12_a_killed_run_leaves_no_debris_after_the_next(graded):
    tmp = os.path.join(graded.workspace, ".nncourse", "tmp")
    exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    proc = subprocess.Popen([exe, "autograde", "mini", "--student", "sleeper", "--force"], cwd=graded.root,
                            env=graded.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(n.startswith(f"{proc.pid}-") for n in os.listdir(tmp)):
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(n.startswith(f"{proc.pid}-") for n in os.listdir(tmp))  # the kill left its copy behind
    graded.nbgrader("autograde", "mini", "--student", "honest", "--force")
    assert os.listdir(tmp) == []


# -- hole 2 ----------------------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_hole2_a_sandbox_that_cannot_start_stops_grading(tmp_path, monkeypatch, jobs):
    import pathlib
    import tempfile

    from nncourse.grading.probe import SandboxUnavailable

    where = pathlib.Path(tempfile.mkdtemp(prefix="nncourse-fake-bwrap-"))  # reachable by the worker's uid
    where.chmod(0o755)
    fake = where / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
    fake.chmod(0o755)
    c = _make_course(str(tmp_path / "course"))
    _submit(c, "honest")
    monkeypatch.setenv("NNCOURSE_BWRAP", str(fake))
    with pytest.raises(SandboxUnavailable, match="unprivileged_userns_clone"):
        autograde(c, "mini", log=lambda *a: None, jobs=jobs)
    assert not os.path.isdir(os.path.join(c.workspace, "autograded"))
    plain = c.nbgrader("autograde", "mini", check=False)
    assert plain.returncode != 0 and "Permission denied" in plain.stdout
    (row,) = status_table(c, "mini")
    assert row.status == "failed to grade" and row.reason.startswith("sandbox unavailable")
    with Gradebook(c.db_url) as gb:
        grades = [g.auto_score for s in gb.assignment_submissions("mini") for nb in s.notebooks for g in nb.grades]
    assert all(g is None for g in grades)
    assert not os.path.exists(os.path.join(c.workspace, "autograded", "honest", "mini", "mini.ipynb"))
    import shutil

    shutil.rmtree(where)


# -- hole 5 ----------------------------------------------------------------------

HUNT = '''
import importlib, pkgutil
import numpy as np
import nncourse

SKIP = ("nncourse.grading", "nncourse.plot", "nncourse.widgets", "nncourse.bench", "nncourse.cli")

def hunt(z, expected):
    """Every callable of the worker's nncourse that, given z, returns the reference answer."""
    found = []
    for info in pkgutil.walk_packages(nncourse.__path__, "nncourse."):
        if info.name.startswith(SKIP):
            continue
        try:
            mod = importlib.import_module(info.name)
        except BaseException:
            continue
        for name in dir(mod):
            obj = getattr(mod, name)
            if not callable(obj) or isinstance(obj, type) or getattr(obj, "__module__", "") == "numpy":
                continue
            try:
                out = np.asarray(obj(np.array(z)), dtype=float)
            except BaseException:
                continue
            if out.shape == np.shape(expected) and np.allclose(out, expected, equal_nan=False):
                found.append(f"{info.name}.{name}")
    return found
'''


def _lessons(repo_root):
    import tomllib

    top = os.path.join(repo_root, "autograder")
    for name in sorted(os.listdir(top)):
        manifest = os.path.join(top, name, "lesson.toml")
        if os.path.isfile(manifest):
            with open(manifest, "rb") as fh:
                yield name, tomllib.load(fh).get("protect", [])


def test_hole5_no_callable_of_the_protected_copy_reproduces_a_protected_function(repo_root, tmp_path):
    import importlib

    import numpy as np

    from nncourse.grading.remote import Submission
    from nncourse.grading.sandbox import Limits, protected_copy

    z = np.random.default_rng(5).normal(size=(4, 3)) * 3
    leaks, tried = {}, 0
    for lesson, protect in _lessons(repo_root):
        cases = []
        for entry in protect:
            module, _, qual = entry.partition(":")
            ref = getattr(importlib.import_module(module), qual, None) if "." not in qual else None
            if ref is None or isinstance(ref, type):
                continue
            try:
                expected = np.asarray(ref(z), dtype=float)
            except Exception:
                continue  # needs more than one array, or a Tensor: not a one-array answer
            cases.append((entry, expected))
        if not cases:
            continue
        copy = protected_copy(protect, str(tmp_path / lesson))
        with Submission([(0, HUNT)], copy, Limits(call_seconds=60)) as sub:
            for entry, expected in cases:
                tried += 1
                found = sub.function("hunt")(z, expected)
                if found:
                    leaks[f"{lesson} {entry}"] = found
    assert tried >= 8
    assert not leaks, leaks


# -- done when: one class, attacks and honest work, graded together -------------------

CLASS_ATTACKS = {
    "a_forkbomb": ("import os, time\n"
                   "def _bomb():\n    n = 0\n    try:\n        while n < 2000:\n"
                   "            if os.fork() == 0:\n                time.sleep(30)\n                os._exit(0)\n"
                   "            n += 1\n    except OSError:\n        pass\n    return n\n"
                   "_forked = _bomb()\n"),
    "a_memtree": ("import os, time\nimport numpy as np\n"
                  "def _hog():\n    for _ in range(3):\n        if os.fork() == 0:\n"
                  "            held = np.ones(2**30 // 8)\n            time.sleep(30)\n            os._exit(0)\n"
                  "    return 0\n_hogs = _hog()\n"),
    "a_sleeper": SLEEPER.replace(GOOD_RELU, ""),
    "a_protocol": ("import os\ndef _spray():\n    for fd in range(3, 10):\n        try:\n"
                   "            os.write(fd, b'garbage\\n')\n        except OSError:\n            pass\n"
                   "_w = _spray()\n"),
    "a_segfault": "import ctypes\n_crash = ctypes.string_at(0)\n",
    "a_snoop": ("def _read(p):\n    try:\n        return open(p, 'rb').read()\n"
                "    except OSError:\n        return b''\n"
                "_loot = [_read(p) for p in ('/etc/shadow', '../../../gradebook.db', '/proc/1/environ')]\n"),
}


def test_done_when_a_hostile_class_does_not_change_honest_grades(repo_root, tmp_path):
    import shutil

    # the real lesson, with tighter wall-clock limits so the attacks cost less time
    repo = str(tmp_path / "repo")
    shutil.copytree(os.path.join(repo_root, "solutions", "04-backprop"), os.path.join(repo, "solutions", "04-backprop"))
    shutil.copytree(os.path.join(repo_root, "autograder", "04-backprop"),
                    os.path.join(repo, "autograder", "04-backprop"))
    with open(os.path.join(repo, "autograder", "04-backprop", "lesson.toml"), "a") as fh:
        fh.write("\n[limits]\ncall_seconds = 3\ncell_seconds = 12\nload_seconds = 12\n")
    samples = os.path.join(repo, "autograder", "04-backprop", "samples")
    expected = json.load(open(os.path.join(samples, "expected.json")))
    ws = str(tmp_path / "ws")
    write_config(str(tmp_path), repo=repo, workspace=ws, release=str(tmp_path / "release"))
    c = Course(str(tmp_path), ws)
    c.nbgrader("generate_assignment", "04-backprop", "--force")
    full = nbformat.read(os.path.join(samples, "full", "04-backprop.ipynb"), as_version=4)

    def put(student, nb):
        d = os.path.join(ws, "submitted", student, "04-backprop")
        os.makedirs(d, exist_ok=True)
        nbformat.write(nb, os.path.join(d, "04-backprop.ipynb"))
        return d

    honest = dict(expected)
    for name in expected:
        put(name, nbformat.read(os.path.join(samples, name, "04-backprop.ipynb"), as_version=4))
    put("full_again", full)  # eight honest students
    honest["full_again"] = expected["full"]
    for name, code in CLASS_ATTACKS.items():
        nb = copy.deepcopy(full)
        nb.cells.insert(2, nbformat.v4.new_code_cell(code))
        put(name, nb)
    d = put("a_links", full)
    os.symlink("../../../gradebook.db", os.path.join(d, "gradebook.db"))
    os.symlink("../../../.nncourse_secret", os.path.join(d, "secret"))
    os.symlink("/etc/passwd", os.path.join(d, "passwd"))
    os.symlink("/missing/dir", os.path.join(d, "data"))
    os.mkfifo(os.path.join(d, "fifo"))
    with open(os.path.join(put("a_notjson", full), "04-backprop.ipynb"), "w") as fh:
        fh.write("<script>alert(1)</script>")
    assert len(honest) == 8 and len(CLASS_ATTACKS) + 2 == 8

    out = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nncourse"), "autograde", "04-backprop",
                          "--jobs", "2"], cwd=str(tmp_path), env=dict(c.env(), NNCOURSE_WORKSPACE=ws,
                                                                      NNCOURSE_ROOT=str(tmp_path)),
                         text=True, capture_output=True)
    rows = {r.student: r for r in status_table(c, "04-backprop")}
    got = {s: rows[s].score for s in honest}
    assert got == {s: float(e["score"]) for s, e in honest.items()}, out.stdout + out.stderr
    c.nbgrader("generate_feedback", "04-backprop", "--force", check=False)
    secret = open(os.path.join(ws, ".nncourse_secret")).read().encode()
    passwd = open("/etc/passwd", "rb").read()
    for top in ("autograded", "feedback"):
        for path in _all_files(os.path.join(ws, top)):
            assert not os.path.islink(path), path
            if os.path.isfile(path):
                data = open(path, "rb").read()
                assert not data.startswith(b"SQLite format") and secret not in data and passwd not in data, path
    assert rows["a_notjson"].status == "failed to grade" and "not JSON" in rows["a_notjson"].reason
