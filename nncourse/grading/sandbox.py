"""Where the student's code runs: a read-only bubblewrap sandbox with limits.

:func:`worker_command` builds the command line that starts
:mod:`nncourse.grading.worker`.  On Linux with ``bwrap`` available the worker
sees a read-only view of the system's programs and the Python installation,
a private ``/tmp``, no network, no other process, and — in place of the
installed ``nncourse`` — a copy in which the lesson's *protected* names (the
reference implementations of its exercises) only raise.  The course
workspace, the hidden suites, the gradebook and the repository are simply not
there.

Without ``bwrap`` the worker runs as a plain child process with the same
resource limits; grading says so loudly (:data:`SANDBOX_WARNING`) and the
grading preprocessor checks, after each submission, that nothing it trusts
has changed (fail closed).
"""

from __future__ import annotations

import ast
import hashlib
import os
import resource
import shutil
import sys
import sysconfig
import tempfile
from dataclasses import dataclass

import nncourse

SANDBOX_WARNING = (
    "nncourse grading is running WITHOUT a sandbox (bubblewrap `bwrap` was not found or "
    "NNCOURSE_SANDBOX=none): student code can read files of this machine. Install it "
    "(`apt-get install bubblewrap`); until then every submission is checked for tampering "
    "and grading stops if anything it trusts has changed.")


@dataclass(frozen=True)
class Limits:
    """Resource limits for one worker process."""

    cpu_seconds: int = 60            # RLIMIT_CPU over the worker's whole life
    memory_bytes: int = 2 * 1024**3  # RLIMIT_AS
    file_bytes: int = 64 * 1024**2   # RLIMIT_FSIZE: largest file it may write
    call_seconds: float = 5.0        # wall clock for one call (enforced by the grader)
    load_seconds: float = 60.0       # wall clock for loading the notebook's definitions
    statement_seconds: float = 10.0  # one top-level statement while loading
    cell_seconds: float = 30.0       # wall clock for all calls while grading one cell


def bwrap_path() -> str | None:
    """The ``bwrap`` to use, or None when grading must run unsandboxed."""
    choice = os.environ.get("NNCOURSE_SANDBOX", "auto")
    if choice == "none":
        return None
    found = shutil.which("bwrap")
    if choice == "bwrap" and not found:
        raise RuntimeError("NNCOURSE_SANDBOX=bwrap but `bwrap` is not installed: apt-get install bubblewrap")
    return found


def package_dir() -> str:
    return os.path.dirname(os.path.abspath(nncourse.__file__))


# -- the protected copy of nncourse -------------------------------------

def _stub_body(node, label: str):
    doc = ast.get_docstring(node, clean=False)
    body = [ast.Expr(ast.Constant(doc))] if doc is not None else []
    msg = (f"{label} is nncourse's reference implementation of an exercise you are graded on: "
           "it is not available while your work is graded. Write your own.")
    body.append(ast.Raise(exc=ast.Call(func=ast.Name("RuntimeError", ast.Load()),
                                       args=[ast.Constant(msg)], keywords=[]), cause=None))
    return body


def _protect_node(node, label: str) -> None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        node.body = _stub_body(node, label)
    elif isinstance(node, ast.ClassDef):
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                item.body = _stub_body(item, f"{label}.{item.name}")


def _find(body, qualname: list[str]):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == qualname[0]:
            return node if len(qualname) == 1 else _find(node.body, qualname[1:])
    return None


def protected_copy(protect: list[str], dest: str) -> str:
    """Copy the installed ``nncourse`` to ``dest/nncourse`` with ``protect`` stubbed out.

    Each entry is ``"module:QualName"`` (``"nncourse.layers:Linear"`` or
    ``"nncourse.layers:Linear.backward"``); a function's body, or every
    method of a class, becomes ``raise RuntimeError(...)``.  Returns the
    copy's path.
    """
    src = package_dir()
    out = os.path.join(dest, "nncourse")
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    by_module: dict[str, list[str]] = {}
    for entry in protect:
        module, sep, qual = entry.partition(":")
        if not sep or not module.startswith("nncourse") or not qual:
            raise ValueError(f"protect entry {entry!r}: expected 'nncourse.module:Name'")
        by_module.setdefault(module, []).append(qual)
    for module, quals in by_module.items():
        rel = module.split(".")[1:]
        path = os.path.join(out, *rel) + ".py"
        if not os.path.exists(path):
            path = os.path.join(out, *rel, "__init__.py")
        if not os.path.exists(path):
            raise ValueError(f"protect: module {module} does not exist in nncourse")
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for qual in quals:
            node = _find(tree.body, qual.split("."))
            if node is None:
                raise ValueError(f"protect: {module} has no function or class {qual}")
            _protect_node(node, f"{module}.{qual}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(ast.unparse(ast.fix_missing_locations(tree)) + "\n")
    return out


# -- the command line ----------------------------------------------------

def _set_limits(limits: Limits):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


BASE_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "MPLBACKEND": "Agg",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "PYTHONNOUSERSITE": "1",
}


def _python_roots() -> list[str]:
    """Folders the interpreter and its packages live in (mounted read-only)."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    exe = os.path.realpath(sys.executable)
    roots.add(os.path.dirname(os.path.dirname(exe)))
    return sorted(r for r in roots if r and os.path.isdir(r))


def worker_command(copy_dir: str, limits: Limits) -> tuple[list[str], dict, callable, bool]:
    """(argv, env, preexec_fn, sandboxed) to start one worker."""
    env = dict(BASE_ENV)
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if key in os.environ:
            env[key] = os.environ[key]
    bwrap = bwrap_path()
    pkg = package_dir()
    if bwrap is None:
        env["PYTHONPATH"] = os.path.dirname(copy_dir)
        argv = [sys.executable, "-I", "-c",
                "import sys; sys.path.insert(0, %r); import runpy; "
                "runpy.run_module('nncourse.grading.worker', run_name='__main__')" % os.path.dirname(copy_dir)]
        return argv, env, _set_limits(limits), False
    argv = [bwrap, "--unshare-all", "--die-with-parent", "--new-session",
            "--unshare-user", "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL",
            # the private /tmp first: binds below may live under /tmp (a course or
            # virtualenv checked out there) and must sit on top of it, not under it
            "--proc", "/proc", "--dev", "/dev",
            "--size", str(limits.file_bytes * 4), "--tmpfs", "/tmp",
            "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for link in ("bin", "sbin", "lib", "lib64", "lib32"):
        target = os.path.join("/", link)
        if os.path.islink(target):
            argv += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            argv += ["--ro-bind", target, target]
    for root in _python_roots():
        if not root.startswith("/usr/"):
            argv += ["--ro-bind", root, root]
    # Mask the real package wherever it is installed with the protected copy.
    argv += ["--ro-bind", copy_dir, pkg]
    argv += ["--chdir", "/tmp", "--clearenv"]
    for k, v in env.items():
        argv += ["--setenv", k, v]
    argv += ["--", sys.executable, "-m", "nncourse.grading.worker"]
    return argv, env, _set_limits(limits), True


def tree_digest(paths: list[str]) -> str:
    """A digest of every file under ``paths`` (names, sizes and contents)."""
    h = hashlib.sha256()
    for top in sorted(paths):
        if os.path.isfile(top):
            files = [top]
        else:
            files = []
            for dirpath, dirnames, filenames in os.walk(top):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                files += [os.path.join(dirpath, f) for f in sorted(filenames) if not f.endswith(".pyc")]
        for f in files:
            h.update(f.encode() + b"\0")
            try:
                with open(f, "rb") as fh:
                    h.update(hashlib.sha256(fh.read()).digest())
            except OSError:
                h.update(b"<unreadable>")
    return h.hexdigest()


def temp_dir(prefix: str) -> str:
    return tempfile.mkdtemp(prefix=prefix)
