"""Prove the sandbox works before grading anyone.

A sandbox that cannot start looks, from inside grading, exactly like a
student whose code called ``exit()``: every exercise would score 0 and the
class would be blamed.  :func:`check_sandbox` starts one worker, loads a
known definition and calls it; if that fails it raises
:class:`SandboxUnavailable` with what went wrong and how to fix it, and no
grade is written.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading

from .limits import Limits
from .sandbox import bwrap_path, protected_copy, worker_command

PROBE_SOURCE = "def nncourse_probe(x):\n    return x + 1\n"
_RESULT: dict[str, str | None] = {}


class SandboxUnavailable(RuntimeError):
    """The grading sandbox cannot run on this host (the instructor's problem)."""


def clear_sandbox_failure(workspace: str | None) -> None:
    """Forget a failure left by :func:`record_sandbox_failure` (the sandbox works again)."""
    if workspace:
        path = os.path.join(workspace, ".nncourse", "sandbox-unavailable.txt")
        if os.path.exists(path):
            os.remove(path)


def record_sandbox_failure(workspace: str, message: str) -> None:
    """Leave why the sandbox failed for ``nncourse report`` (see :mod:`.course`)."""
    path = os.path.join(workspace, ".nncourse", "sandbox-unavailable.txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(message + "\n")


def _read(path: str) -> str | None:
    try:
        with open(path) as fh:
            return fh.read().strip()
    except OSError:
        return None


def diagnose() -> str:
    """Host settings that keep bwrap from creating namespaces, with their fixes."""
    hints = []
    if _read("/proc/sys/kernel/unprivileged_userns_clone") == "0":
        hints.append("user namespaces are disabled for unprivileged users "
                     "(kernel.unprivileged_userns_clone = 0): `sysctl -w kernel.unprivileged_userns_clone=1`")
    if _read("/proc/sys/user/max_user_namespaces") == "0":
        hints.append("user namespaces are disabled (user.max_user_namespaces = 0): "
                     "`sysctl -w user.max_user_namespaces=15000`")
    if _read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1":
        hints.append("AppArmor restricts unprivileged user namespaces "
                     "(kernel.apparmor_restrict_unprivileged_userns = 1): add an AppArmor profile that allows "
                     "`userns` for /usr/bin/bwrap, or `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`")
    if not hints:
        hints.append("bwrap needs unprivileged user namespaces. Check, as root: "
                     "kernel.unprivileged_userns_clone must be 1 (Debian/Ubuntu kernels), "
                     "user.max_user_namespaces must be above 0, "
                     "kernel.apparmor_restrict_unprivileged_userns must be 0 or AppArmor must have a profile "
                     "allowing `userns` for bwrap (Ubuntu 23.10 and later); in a container, its seccomp profile "
                     "must allow creating namespaces (e.g. Docker's `--security-opt seccomp=unconfined`); "
                     "and the bwrap program itself must exist and run")
    return "; ".join(hints)


def _bwrap() -> str | None:
    """:func:`~.sandbox.bwrap_path`, its refusals (a sandbox asked for and missing) raised as
    :class:`SandboxUnavailable`."""
    try:
        return bwrap_path()
    except RuntimeError as exc:
        raise SandboxUnavailable(f"the grading sandbox is not available, so nothing was graded: {exc}") from None


def check_sandbox(limits: Limits | None = None, copy_dir: str | None = None) -> None:
    """Raise :class:`SandboxUnavailable` unless a sandboxed worker answers a call.

    Without bwrap at all (or with ``NNCOURSE_SANDBOX=none``) there is nothing to
    check: grading runs unsandboxed and says so loudly.  The outcome is kept for
    the life of the process.  Given the protected copy ``copy_dir`` grading will
    use (and its ``limits``), the probe is a worker forked from the zygote that
    grading then keeps using (:mod:`.forkserver`); only when that fails is a cold
    worker started, to tell why.
    """
    from .remote import StudentProblem, Submission

    bwrap = _bwrap()
    if bwrap is None:
        return
    if bwrap not in _RESULT and copy_dir is not None and _answers(Submission, StudentProblem, copy_dir,
                                                                  limits or Limits()):
        _RESULT[bwrap] = None
    if bwrap not in _RESULT:
        _RESULT[bwrap] = _probe(bwrap, limits or Limits(), Submission, StudentProblem)
    if _RESULT[bwrap] is not None:
        raise SandboxUnavailable(_RESULT[bwrap])


def start_check(limits: Limits | None = None, copy_dir: str | None = None):
    """:func:`check_sandbox` in a background thread; returns a function that waits for it and raises
    :class:`SandboxUnavailable` as :func:`check_sandbox` would.  Grading can start meanwhile: its
    results are used only after that function returned."""
    bwrap = _bwrap()
    if bwrap is None or bwrap in _RESULT:
        return lambda: check_sandbox(limits, copy_dir)
    failed: list[BaseException] = []

    def run():
        try:
            check_sandbox(limits, copy_dir)
        except BaseException as exc:  # noqa: BLE001 - raised again by wait()
            failed.append(exc)

    thread = threading.Thread(target=run, name="nncourse-probe", daemon=True)
    thread.start()

    def wait():
        thread.join()
        if failed:
            raise failed[0]
    return wait


def _answers(Submission, StudentProblem, copy_dir: str, limits: Limits) -> bool:
    """Whether a sandboxed worker holding ``copy_dir`` (forked, or cold if there is no zygote) answers."""
    try:
        with Submission([(0, PROBE_SOURCE)], copy_dir, limits) as sub:
            return sub.function("nncourse_probe")(41) == 42 and bool(sub.sandboxed)
    except (StudentProblem, OSError, RuntimeError, subprocess.SubprocessError):
        return False


def _probe(bwrap: str, limits: Limits, Submission, StudentProblem) -> str | None:
    with tempfile.TemporaryDirectory(prefix="nncourse-probe-") as tmp:
        copy = protected_copy([], tmp)
        try:
            with Submission([(0, PROBE_SOURCE)], copy, limits, preloaded=False) as sub:
                if sub.function("nncourse_probe")(41) == 42:
                    return None
                detail = "the probe worker answered a known call wrongly"
        except StudentProblem:
            detail = "the worker exited or hung before answering a known call"
        except subprocess.SubprocessError as exc:
            detail = (f"{exc} — as root, grading drops to an unprivileged uid and, when the Python "
                      "installation or virtualenv is closed to other users (e.g. under /root), shows it to that "
                      "uid through a private mount namespace, which needs CAP_SYS_ADMIN; make them readable "
                      "by all users, or grant the capability")
        except (OSError, RuntimeError) as exc:
            detail = str(exc)
        # run the same command again to show bwrap's own words
        cmd = worker_command(copy, limits)
        try:
            proc = subprocess.run(cmd.argv, input=b"", capture_output=True, env=cmd.env, preexec_fn=cmd.preexec,
                                  pass_fds=cmd.pass_fds, timeout=30)
            said = proc.stderr.decode(errors="replace").strip()[-600:]
        except (OSError, subprocess.SubprocessError) as exc:
            said = str(exc)
        finally:
            for fd in cmd.pass_fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
    return (f"the grading sandbox does not work on this host, so nothing was graded. {bwrap} could not start a "
            f"worker ({detail}; bwrap said: {said or 'nothing'}). Likely cause and fix: {diagnose()}. "
            "Grading without a sandbox lets student code read this machine's files; if you accept that, "
            "set NNCOURSE_SANDBOX=none explicitly.")
