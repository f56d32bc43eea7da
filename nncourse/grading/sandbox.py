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
import itertools
import os
import shutil
import stat
import sys
import sysconfig
import tempfile
from dataclasses import dataclass

import nncourse

from .limits import Limits, set_rlimits

SANDBOX_WARNING = (
    "nncourse grading is running WITHOUT a sandbox (bubblewrap `bwrap` was not found or "
    "NNCOURSE_SANDBOX=none): student code can read files of this machine. Install it "
    "(`apt-get install bubblewrap`); until then every submission is checked for tampering "
    "and grading stops if anything it trusts has changed.")


def bwrap_path() -> str | None:
    """The ``bwrap`` to use, or None when grading must run unsandboxed.

    ``$NNCOURSE_BWRAP`` names the program (default: ``bwrap`` on the PATH); a program named
    there that does not exist is an error, never a reason to grade unsandboxed.
    """
    choice = os.environ.get("NNCOURSE_SANDBOX", "auto")
    if choice == "none":
        return None
    named = os.environ.get("NNCOURSE_BWRAP")
    found = shutil.which(named or "bwrap")
    if named and not found:
        raise RuntimeError(f"NNCOURSE_BWRAP={named} is not an executable program: point it at bubblewrap's "
                           "`bwrap`, or unset it to use the one on the PATH")
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


CHECKS_STUB = '''"""Self-checks are not available while your work is graded (they hold reference answers)."""

import importlib


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        return importlib.import_module(f"{__name__}.{name}")  # a submodule of the package
    except ModuleNotFoundError:
        pass

    def unavailable(*args, **kwargs):
        raise RuntimeError(f"nncourse.checks {name} is a self-check: it does not run while your work is graded.")
    return unavailable
'''


def _names_used(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _private_helpers(tree, protected: set[str]) -> set[str]:
    """Private module-level functions that only protected code uses.

    A helper such as ``_logsumexp`` computes what ``logsumexp`` and
    ``log_softmax`` return: it is stubbed with them, unless some unprotected
    function or class of the module needs it (then it is no answer on its own).
    """
    defs = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    private = {name for name, n in defs.items() if name.startswith("_") and not isinstance(n, ast.ClassDef)}
    reached, stack = set(), [p for p in protected if p in defs]
    while stack:
        for used in _names_used(defs[stack.pop()]) & private:
            if used not in reached:
                reached.add(used)
                stack.append(used)
    needed_elsewhere = set()
    for name, node in defs.items():
        if name not in protected and name not in reached:
            needed_elsewhere |= _names_used(node)
    for node in tree.body:  # module-level statements (aliases, tables) count as uses too
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            needed_elsewhere |= _names_used(node)
    return reached - needed_elsewhere


def protected_copy(protect: list[str], dest: str) -> str:
    """Copy the installed ``nncourse`` to ``dest/nncourse`` with ``protect`` stubbed out.

    Each entry is ``"module:QualName"`` (``"nncourse.layers:Linear"`` or
    ``"nncourse.layers:Linear.backward"``); a function's body, or every
    method of a class, becomes ``raise RuntimeError(...)``.  Protection is by
    content, not by name: private helpers only protected code uses are
    stubbed with it (:func:`_private_helpers`), and ``nncourse.checks`` — the
    self-checks, whose reference answers would pass the hidden tests — is
    replaced by modules whose every function raises.  Returns the copy's path.
    """
    src = package_dir()
    out = os.path.join(dest, "nncourse")
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    checks = os.path.join(out, "checks")
    if os.path.isdir(checks):
        for name in os.listdir(checks):
            if name.endswith(".py"):
                with open(os.path.join(checks, name), "w", encoding="utf-8") as fh:
                    fh.write(CHECKS_STUB)
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
            if _find(tree.body, qual.split(".")) is None:
                raise ValueError(f"protect: {module} has no function or class {qual}")
        helpers = _private_helpers(tree, {q.split(".")[0] for q in quals})
        for qual in list(quals) + sorted(helpers):
            _protect_node(_find(tree.body, qual.split(".")), f"{module}.{qual}")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(ast.unparse(ast.fix_missing_locations(tree)) + "\n")
    return out


# -- the command line ----------------------------------------------------

WORKER_UID = 65534   # the sandbox's user inside (nobody)
UID_BASE = 1_900_000  # outside, a root grader drops to UID_BASE + 3 (its pid % 10000) + 0, 1 or 2

# What of /etc the worker sees: the dynamic linker, name service and time zone
# configuration, the (public) user and group tables and CA certificates.
ETC_ALLOWED = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "passwd", "group",
               "localtime", "timezone", "alternatives", "ssl", "ca-certificates", "fonts", "mime.types")


_WORKER_TURN = itertools.count()


def worker_uid() -> int | None:
    """The uid a root grader runs its next worker as (outside the sandbox), else None.

    Two uids per grader process, used in turn: the process cap (``RLIMIT_NPROC``
    counts a uid's processes) is then a cap per worker, graders running side by
    side (``--jobs``) never share a uid, and closing a worker (which kills every
    process of its uid) never touches the next cell's worker, which the engine
    starts while the previous cell's tests run.  ``$NNCOURSE_WORKER_UID``
    overrides (one uid for every worker).
    """
    if os.geteuid() != 0:
        return None
    env = os.environ.get("NNCOURSE_WORKER_UID")
    if env:
        return int(env)
    return UID_BASE + 3 * (os.getpid() % 10000) + next(_WORKER_TURN) % 2


def zygote_uid() -> int | None:
    """The uid a root grader runs its preloaded worker (:mod:`.zygote`) and every worker it forks as.

    A third uid of the grader process, never one of :func:`worker_uid`'s two:
    closing a cold-started worker kills every process of its uid and must not
    reach the zygote.  The zygote's workers are told apart by their pid
    namespaces instead (see :mod:`.zygote`).  ``$NNCOURSE_WORKER_UID`` overrides.
    """
    if os.geteuid() != 0:
        return None
    env = os.environ.get("NNCOURSE_WORKER_UID")
    if env:
        return int(env)
    return UID_BASE + 3 * (os.getpid() % 10000) + 2


def _set_limits(limits: Limits, uid: int | None = None, stage=None):
    def apply():
        os.setsid()
        if stage is not None:
            stage()
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        values = limits.rlimits()
        if uid is None:
            # RLIMIT_NPROC counts every process of a uid: capped only for a worker with a uid of its own
            # (bwrap's two processes, the worker, its children)
            del values["max_processes"]
        set_rlimits(values)
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
    roots = sorted(r for r in roots if r and os.path.isdir(r))
    # a folder inside another one is mounted with it
    return [r for r in roots if not any(r != o and r.startswith(o.rstrip("/") + "/") for o in roots)]


def shown_paths() -> list[str]:
    """The host folders a sandbox shows at their own paths: the Python installation outside
    ``/usr`` and the nncourse package (where the protected copy is mounted)."""
    return [root for root in _python_roots() if not root.startswith("/usr/")] + [package_dir()]


def _open_to_others(path: str) -> bool:
    """Whether any user can reach and read the folder ``path`` (every parent o+x, itself o+rx)."""
    path = os.path.abspath(path)
    try:
        if os.stat(path).st_mode & 0o005 != 0o005:
            return False
        while path != "/":
            path = os.path.dirname(path)
            if not os.stat(path).st_mode & 0o001:
                return False
    except OSError:
        return False
    return True


STAGE_DIR = "/tmp/.nncourse-stage"


def _stage_dir() -> str:
    """An empty, root-owned folder the launcher covers with its staging tmpfs.

    Covered only in the launcher's private mount namespace, so nothing under
    it (there is nothing) is hidden from anyone else; refused if it is not a
    plain root-owned folder (a link planted there by someone else).
    """
    try:
        os.mkdir(STAGE_DIR, 0o755)
    except FileExistsError:
        pass
    st = os.lstat(STAGE_DIR)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != 0 or st.st_mode & 0o022:
        raise RuntimeError(f"{STAGE_DIR} must be a folder owned by root and writable only by root; remove it")
    return STAGE_DIR


def _stager(sources: list[str], stage_dir: str):
    """A preexec step (as root) making ``sources`` readable by the dropped uid.

    Needed only when a source is closed to other users (it takes
    ``CAP_SYS_ADMIN``, which root normally has).  In a private mount
    namespace of the worker's launcher, a tmpfs covers
    ``stage_dir`` and each source is bind-mounted on ``stage_dir/<i>``, so
    bwrap, running as the unprivileged uid, can mount it even when a parent
    folder (``/root`` of a pyenv, a 0700 test folder) is closed to that uid.
    Nothing of this is visible outside the launcher.
    """
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    CLONE_NEWNS, MS_BIND, MS_REC, MS_PRIVATE = 0x20000, 4096, 16384, 1 << 18

    def check(ret, what):
        if ret != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"{what}: {os.strerror(err)}")

    def stage():
        check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        # opened in the new namespace (a mount of the old one cannot be bound), before
        # the tmpfs hides what lives under stage_dir
        fds = [os.open(src, os.O_PATH) for src in sources]
        check(libc.mount(b"tmpfs", stage_dir.encode(), b"tmpfs", 0, b"mode=0755,size=1m"), "tmpfs on " + stage_dir)
        for i, fd in enumerate(fds):
            target = os.path.join(stage_dir, str(i))
            if os.path.isdir(f"/proc/self/fd/{fd}"):
                os.mkdir(target, 0o755)
            else:
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
            check(libc.mount(f"/proc/self/fd/{fd}".encode(), target.encode(), None, MS_BIND | MS_REC, None),
                  "bind " + sources[i])
            os.close(fd)
    return stage


@dataclass
class WorkerCommand:
    """How to start one worker: ``subprocess.Popen(argv, env=env, preexec_fn=preexec, pass_fds=pass_fds)``."""

    argv: list
    env: dict
    preexec: object
    sandboxed: bool
    pass_fds: tuple = ()
    uid: int | None = None

    def __iter__(self):  # (argv, env, preexec, sandboxed), as before
        return iter((self.argv, self.env, self.preexec, self.sandboxed))


def _bwrap_args(copy_dir: str, limits: Limits, binds: dict[str, str], caps: tuple[str, ...] = ()) -> list[str]:
    """bwrap's arguments; ``binds`` maps each sandbox path to the host path it shows.

    ``caps``: capabilities kept inside the sandbox's user namespace (only the
    zygote's ``CAP_SYS_ADMIN``, which it needs to give each worker namespaces of its own).
    """
    args = ["--unshare-all", "--die-with-parent", "--new-session",
            "--unshare-user", "--uid", str(WORKER_UID), "--gid", str(WORKER_UID), "--cap-drop", "ALL",
            *[a for cap in caps for a in ("--cap-add", cap)],
            # the private /tmp first: binds below may live under /tmp (a course or
            # virtualenv checked out there) and must sit on top of it, not under it
            "--proc", "/proc", "--dev", "/dev",
            "--size", str(limits.file_bytes * 4), "--tmpfs", "/tmp",
            "--ro-bind", "/usr", "/usr"]
    for name in ETC_ALLOWED:
        path = os.path.join("/etc", name)
        if os.path.lexists(path):
            args += ["--ro-bind-try", path, path]
    for link in ("bin", "sbin", "lib", "lib64", "lib32"):
        target = os.path.join("/", link)
        if os.path.islink(target):
            args += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target):
            args += ["--ro-bind", target, target]
    for dest, src in binds.items():
        args += ["--ro-bind", src, dest]
    args += ["--remount-ro", "/", "--chdir", "/tmp", "--clearenv"]
    return args


def worker_command(copy_dir: str, limits: Limits, uid: int | None = None,
                   module: str = "nncourse.grading.worker", caps: tuple[str, ...] = ()) -> WorkerCommand:
    """How to start one worker holding the protected copy ``copy_dir`` of nncourse.

    Sandboxed, bwrap's own command line is passed through a pipe
    (``--args``), so ``/proc/1/cmdline`` inside shows no host path.  ``module``
    is what runs (the zygote, :mod:`.zygote`, with ``caps``); ``caps`` need a sandbox.
    """
    if module not in ("nncourse.grading.worker", "nncourse.grading.zygote"):
        raise ValueError(f"not a worker module: {module!r}")
    env = dict(BASE_ENV)
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if key in os.environ:
            env[key] = os.environ[key]
    bwrap = bwrap_path()
    pkg = package_dir()
    if bwrap is None:
        if caps:
            raise RuntimeError("capabilities are only ever kept inside a sandbox; bwrap is not available")
        env["PYTHONPATH"] = os.path.dirname(copy_dir)
        argv = [sys.executable, "-I", "-c",
                "import sys; sys.path.insert(0, %r); import runpy; "
                "runpy.run_module(%r, run_name='__main__')" % (os.path.dirname(copy_dir), module)]
        return WorkerCommand(argv, env, _set_limits(limits), False)
    # Mask the real package wherever it is installed with the protected copy.
    wanted = {path: path for path in shown_paths()}
    wanted[pkg] = copy_dir
    # a restarted worker keeps its submission's uid: a fresh one could be the uid of the worker
    # started ahead for the next cell, which closing this one (kill by uid) would then kill
    uid = worker_uid() if uid is None else uid
    stage = None
    if uid is not None and not all(_open_to_others(src) for src in wanted.values()):
        stage_dir = _stage_dir()
        sources = list(wanted.values())
        stage = _stager(sources, stage_dir)
        binds = {dest: os.path.join(stage_dir, str(sources.index(src))) for dest, src in wanted.items()}
    else:
        binds = wanted
    args = _bwrap_args(copy_dir, limits, binds, caps)
    for k, v in env.items():
        args += ["--setenv", k, v]
    args += ["--setenv", "NNCOURSE_PYTHON", sys.executable]
    read_fd, write_fd = os.pipe()
    data = b"\0".join(a.encode() for a in args) + b"\0"
    if len(data) > 60000:
        raise RuntimeError("bwrap's arguments do not fit in a pipe")
    os.write(write_fd, data)
    os.close(write_fd)
    os.set_inheritable(read_fd, True)
    argv = [bwrap, "--args", str(read_fd), "--", "/bin/sh", "-c", f'exec "$NNCOURSE_PYTHON" -m {module}']
    return WorkerCommand(argv, env, _set_limits(limits, uid, stage), True,
                         (read_fd,), uid)


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
