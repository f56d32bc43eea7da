"""The README's student and instructor sections as an ordinary user, not only as root.

Run as root (CI is), the test creates the unprivileged user ``nncourse-student``
when it is missing (``useradd -m``) and runs everything as that user
(``runuser -u``); run as anyone else, it runs as the current user.  The user
works in a copy of the course it owns, as a fresh clone has it:

* student: ``make lab`` copies the lessons into ``work/`` and serves; a kernel
  started through the server runs a cell, as the user, with an inline backend;
* instructor: the README's bash block (``tests/test_first_hour.py`` runs the
  same lines as root), with the grading sandbox (bubblewrap in a user
  namespace when not root) proven by ``check_sandbox`` first.

The virtualenv is this checkout's, reused read-only.  When the user cannot run
its interpreter (a pyenv Python under ``/root``, mode 700, as on the
development machines), the copy gets a virtualenv on a hard-linked copy of that
same interpreter, its packages hard links to this one's: no download, no build,
a few seconds, and still nothing the user can change.
"""

import asyncio
import csv
import glob
import importlib.util
import json
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.slow


def _first_hour():
    """tests/test_first_hour.py as a module (pytest imports tests with --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location(
        "nncourse_tests_first_hour", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test_first_hour.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_FIRST_HOUR = _first_hour()
LESSON, SAMPLES, readme_workflow = _FIRST_HOUR.LESSON, _FIRST_HOUR.SAMPLES, _FIRST_HOUR.readme_workflow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
USER = "nncourse-student"
TOKEN = "nncourse-ordinary-user"


def _user() -> pwd.struct_passwd:
    """The account the test runs the README as: ``nncourse-student`` under root, else the current user."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        proc = subprocess.run(["useradd", "-m", "-s", "/bin/bash", USER], text=True, capture_output=True)
        if proc.returncode != 0:
            pytest.fail(f"cannot create the user {USER} (useradd: {proc.stderr.strip()}); "
                        "run the test as an ordinary user instead")
        return pwd.getpwnam(USER)


def _as_user(user, argv, env_extra=None):
    """``argv`` as ``user`` in a fresh login-like environment (no venv on PATH, no root variables)."""
    env = {"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name, "LANG": "C.UTF-8",
           "PATH": "/usr/local/bin:/usr/bin:/bin", "SHELL": "/bin/bash"}
    env.update({k: v for k, v in os.environ.items() if k.startswith("NNCOURSE_REQUIRE")})
    env.update(env_extra or {})
    prefix = ["runuser", "-u", user.pw_name, "--"] if os.geteuid() == 0 else []
    return prefix + ["env", "-i"] + [f"{k}={v}" for k, v in env.items()] + list(argv)


def _venv_version() -> str:
    cfg = dict(line.split(" = ", 1) for line in open(os.path.join(VENV, "pyvenv.cfg")).read().splitlines()
               if " = " in line)
    return ".".join(cfg["version"].split(".")[:2])


def _linked_python(base: str) -> str:
    """This venv's own interpreter, hard-linked under ``base`` where the user can reach it; its path.

    The same build matters: a system Python of another patch release breaks packages (soupsieve
    4.1 fails to parse CSS on Debian's 3.11.2).  The interpreter finds ``libpython`` through an
    absolute RUNPATH into the unreachable folder, so the copied executable (a real copy, not a
    link) gets ``$ORIGIN/../lib`` instead (patchelf).
    """
    real = os.path.realpath(os.path.join(VENV, "bin", "python"))
    home = os.path.dirname(os.path.dirname(real))
    copy = os.path.join(base, "python")
    subprocess.run(["cp", "-al", home, copy], check=True)
    exe = os.path.join(copy, os.path.relpath(real, home))
    os.unlink(exe)
    shutil.copy2(real, exe)
    if shutil.which("patchelf") is None:
        pytest.fail(f"the user cannot run .venv's interpreter {real}, and patchelf, needed to make a reachable "
                    "copy of it, is missing: apt-get install patchelf (.ci/run installs it)")
    subprocess.run(["patchelf", "--set-rpath", "$ORIGIN/../lib", exe], check=True)
    return exe


def _linked_venv(dest: str, course: str) -> None:
    """A virtualenv at ``dest`` on a reachable copy of ``.venv``'s interpreter, its files hard links to ``.venv``'s.

    Its ``nncourse`` is the course copy's own (``.venv``'s editable install points into this
    checkout, which the user may not be able to read).
    """
    version = _venv_version()
    python = _linked_python(os.path.dirname(os.path.dirname(dest)))
    subprocess.run([python, "-m", "venv", "--without-pip", dest], check=True)
    site = os.path.join("lib", f"python{version}", "site-packages")
    shutil.rmtree(os.path.join(dest, site))
    for part in (site, "share", "etc"):
        if os.path.isdir(os.path.join(VENV, part)):
            subprocess.run(["cp", "-al", os.path.join(VENV, part), os.path.join(dest, os.path.dirname(part) or ".")],
                           check=True)
    for name in os.listdir(os.path.join(dest, site)):
        if name.startswith(("__editable__.nncourse", "__editable___nncourse")):
            os.unlink(os.path.join(dest, site, name))
    with open(os.path.join(dest, site, "nncourse-course.pth"), "w") as fh:
        fh.write(course + "\n")
    for name in os.listdir(os.path.join(VENV, "bin")):
        src, out = os.path.join(VENV, "bin", name), os.path.join(dest, "bin", name)
        if os.path.lexists(out) or os.path.islink(src) or not os.path.isfile(src):
            continue               # python, activate, …: the new venv has its own
        with open(src, "rb") as fh:
            head = fh.readline()
            rest = fh.read()
        if head.startswith(b"#!") and b"python" in head:
            with open(out, "wb") as fh:
                fh.write(b"#!" + os.path.join(dest, "bin", "python").encode() + b"\n" + rest)
            os.chmod(out, 0o755)
        else:
            os.link(src, out)
    open(os.path.join(dest, ".installed"), "w").close()


def _user_course(user) -> str:
    """A fresh-clone copy of the course owned by ``user``, with a virtualenv it can run but not change."""
    installed = os.path.join(VENV, ".installed")
    if not os.path.exists(installed) or os.path.getmtime(installed) < os.path.getmtime(
            os.path.join(ROOT, "pyproject.toml")):
        pytest.fail("the virtualenv is older than pyproject.toml: run `make venv` first")
    base = tempfile.mkdtemp(prefix="nncourse-user-", dir="/tmp")     # not pytest's tmp: root-only (0700)
    os.chmod(base, 0o755)
    course = os.path.join(base, "course")
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "work", "workspace", "build", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
        "*.egg-info", "nncourse", ".hypothesis"))
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", base], check=True)
    probe = subprocess.run(_as_user(user, [os.path.join(VENV, "bin", "python"), "-c", "import nncourse, jupyterlab"]),
                           capture_output=True, text=True)
    if probe.returncode == 0:
        os.symlink(VENV, os.path.join(course, ".venv"))
    else:
        shutil.copytree(os.path.join(ROOT, "nncourse"), os.path.join(course, "nncourse"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", os.path.join(course, "nncourse")],
                           check=True)
        _linked_venv(os.path.join(course, ".venv"), course)
    return course


@pytest.fixture
def user_course():
    user = _user()
    course = _user_course(user)
    yield user, course
    shutil.rmtree(os.path.dirname(course), ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _run_cell(url: str, kernel_id: str, code: str) -> str:
    """Run ``code`` in a kernel through the server's websocket; returns its stdout."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    ws_url = url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
    conn = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {TOKEN}"}))
    msg_id = uuid.uuid4().hex
    conn.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "", "session": uuid.uuid4().hex,
                   "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    out, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(conn.read_message(), timeout=120)
        if raw is None:
            break
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    conn.close()
    return "".join(out)


def test_student_section_as_an_ordinary_user(user_course):
    """`make lab` as the user: its own work/ copy, a server, a kernel that runs a cell as that user."""
    user, course = user_course
    port = _free_port()
    log_path = os.path.join(os.path.dirname(course), "lab.log")
    with open(log_path, "w") as log:
        if os.geteuid() == 0:
            os.chown(log_path, user.pw_uid, user.pw_gid)
        proc = subprocess.Popen(
            _as_user(user, ["make", "-s", "lab", f"LAB_ARGS=--no-browser --port={port} --ServerApp.ip=127.0.0.1 "
                                                 f"--IdentityProvider.token={TOKEN}"],
                     {"MPLBACKEND": "Agg"}),                 # as `make test` has it: it must not reach kernels
            cwd=course, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert proc.poll() is None, "`make lab` exited: " + open(log_path).read()[-3000:]
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("`make lab` did not serve within 180 s: " + open(log_path).read()[-3000:])
        work = os.path.join(course, "work", LESSON, LESSON + ".ipynb")
        assert os.path.isfile(work), os.listdir(course)
        assert os.stat(work).st_uid == user.pw_uid, "the student copy belongs to the student"
        request = urllib.request.Request(f"{url}/api/kernels", data=b'{"name": "python3"}', method="POST",
                                         headers={"Authorization": f"token {TOKEN}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as resp:
            kernel = json.load(resp)
        out = asyncio.run(_run_cell(url, kernel["id"], "import os, matplotlib, nncourse\n"
                                                       "print(os.getuid(), matplotlib.get_backend())"))
        assert out.split() == [str(user.pw_uid), "module://matplotlib_inline.backend_inline"], out
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    assert not glob.glob(os.path.join(course, "lessons", "*", ".ipynb_checkpoints"))


def test_instructor_section_as_an_ordinary_user(user_course):
    """The README's instructor block as the user, with the grading sandbox proven to work for that user."""
    user, course = user_course
    probe = subprocess.run(_as_user(user, [os.path.join(course, ".venv", "bin", "python"), "-c",
                                           "from nncourse.grading.probe import check_sandbox; check_sandbox(); "
                                           "print('sandbox ok')"]),
                           cwd=course, capture_output=True, text=True, timeout=300)
    assert probe.stdout.strip().endswith("sandbox ok"), probe.stdout[-2000:] + probe.stderr[-3000:]

    archive = os.path.join(course, "workspace", "downloaded", LESSON, "archive")
    os.makedirs(archive)
    shutil.copy(os.path.join(SAMPLES, "full", LESSON + ".ipynb"), os.path.join(archive, f"alice_{LESSON}.ipynb"))
    shutil.copy(os.path.join(SAMPLES, "untouched", LESSON + ".ipynb"), os.path.join(archive, f"carol_{LESSON}.ipynb"))
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", os.path.join(course, "workspace")], check=True)
    commands = [c for c in readme_workflow() if not c.startswith("make formgrader")]
    script = "set -euo pipefail\n" + "".join(f"echo {shlex.quote('+ ' + c)}\n{c}\n" for c in commands)
    proc = subprocess.run(_as_user(user, ["bash", "-c", script]), cwd=course, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=3000)
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert "unsandboxed" not in proc.stdout.lower(), proc.stdout[-3000:]
    expected = json.load(open(os.path.join(SAMPLES, "expected.json")))
    rows = {r["student_id"]: r for r in csv.DictReader(open(os.path.join(course, "workspace",
                                                                        f"grades-{LESSON}.csv")))}
    assert {s: (float(r["score"]), r["status"]) for s, r in rows.items()} == {
        "alice": (expected["full"]["score"], "graded"), "carol": (expected["untouched"]["score"], "graded")}
    owners = {os.stat(p).st_uid for p in glob.glob(os.path.join(course, "workspace", "**"), recursive=True)}
    assert owners == {user.pw_uid}, "everything the instructor's commands wrote belongs to the instructor"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-p", "no:xdist", "-p", "no:nbval"]))
