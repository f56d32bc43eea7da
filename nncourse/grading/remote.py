"""The grader's handle on a student's submission.

A :class:`Submission` owns one worker process (see :mod:`.worker`) holding
the definitions of a submitted notebook.  Hidden tests call into it::

    relu = student.function("relu")
    out = relu(z)                       # a numpy array, or plain data
    layer = student.new("Linear", W, b)
    y = layer.call("forward", x)
    dW = layer.get("dW")

Every call has a wall-clock limit.  When the student's code raises, the call
raises :class:`StudentError`; when it runs too long, :class:`StudentTimeout`;
when the process dies (killed itself, ran out of memory, hit the CPU limit),
:class:`StudentCrashed` — and the next call starts a fresh worker, so one
failing test costs that test only.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import time

from . import wire
from .forkserver import ForkedWorker, forked_worker
from .limits import Limits
from .sandbox import worker_command
from .watch import kill_uid, tree_rss


class StudentProblem(Exception):
    """Base of what can go wrong in the student's code; ``str()`` is feedback."""


class MissingDefinition(StudentProblem):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"your notebook does not define `{name}`. Grading looks it up by name: "
                         "keep the name and the signature given in the exercise, at the top level of a cell.")


class StudentError(StudentProblem):
    def __init__(self, what: str, type_name: str, message: str, where: str):
        self.type_name, self.message, self.where = type_name, message, where
        text = f"{what} raised {type_name}: {message}"
        if type_name == "NotImplementedError":
            text = f"{what} is not implemented yet (it raised NotImplementedError)."
        if where:
            text += "\n  in your code:\n    " + where.replace("\n", "\n    ")
        super().__init__(text)


class StudentTimeout(StudentProblem):
    pass


class StudentCrashed(StudentProblem):
    pass


class BadAnswer(StudentProblem):
    """The worker sent something that is not a well-formed answer."""


class Submission:
    """A submitted notebook's definitions, held by a sandboxed worker.

    Parameters
    ----------
    cells : list of (index, source)
        The code cells to load, in notebook order.
    copy_dir : str
        The protected copy of ``nncourse`` the worker imports.
    limits : Limits
    """

    def __init__(self, cells: list[tuple[int, str]], copy_dir: str, limits: Limits | None = None,
                 budget_seconds: float | None = None, preloaded: bool = True):
        self.cells = [(int(i), str(s)) for i, s in cells]
        # total wall clock this submission may use (e.g. for one graded cell)
        self.deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
        self.budget_seconds = budget_seconds
        self.copy_dir = copy_dir
        self.limits = limits or Limits()
        self.proc: subprocess.Popen | None = None
        self.load_report: dict | None = None
        self.sandboxed: bool | None = None
        self.starts = 0
        self._buffer = b""
        # what timed out once is not run again in this submission: an infinite
        # loop costs one call limit, not one per test
        self.timed_out: set[str] = set()
        self._killed_for: str | None = None
        # what the latest call did besides returning (see .effects); None before any call
        self.last_effects: Effects | None = None
        self._answer_effects = None
        self._memory_checked = 0.0
        self._uid: int | None = None
        # fork workers from the grading process's preloaded worker (.forkserver), if it runs
        self.preloaded = preloaded

    # -- process management ----------------------------------------------
    def _start(self) -> None:
        # a fresh fork of the preloaded worker (see .zygote) when there is one, else a cold start
        forked = forked_worker(self.copy_dir, self.limits) if self.preloaded else None
        if forked is not None:
            self.proc, self.sandboxed = forked, True
        else:
            cmd = worker_command(self.copy_dir, self.limits, self._uid)
            self.sandboxed = cmd.sandboxed
            self._uid = cmd.uid
            try:
                self.proc = subprocess.Popen(cmd.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, env=cmd.env, preexec_fn=cmd.preexec,
                                             close_fds=True, pass_fds=cmd.pass_fds)
            finally:
                for fd in cmd.pass_fds:
                    os.close(fd)
        self._buffer = b""
        self.starts += 1
        # loading never gets more than what is left of the budget: a notebook that
        # hangs at top level costs one budget, however often the worker restarts
        seconds = self.limits.load_seconds
        if self.deadline is not None:
            seconds = max(0.0, min(seconds, self.deadline - time.monotonic()))
        msg = {"op": "load", "cells": [{"index": i, "source": s} for i, s in self.cells],
               "statement_timeout": min(self.limits.statement_seconds, max(seconds, 0.1))}
        try:
            report = self._exchange(msg, seconds, "loading your notebook's definitions")
        except StudentTimeout:
            raise StudentTimeout(
                f"loading your notebook's definitions took longer than {seconds:g} s. "
                "Grading runs the imports, functions, classes and assignments at the top level of your "
                "cells: move long computations (training, loops) out of top-level assignments.") from None
        if not isinstance(report, dict):
            self.close()
            raise BadAnswer("the grading process sent a malformed load report")
        self.load_report = report

    def close(self) -> None:
        if isinstance(self.proc, ForkedWorker):
            # its pid namespace dies with it: nothing it started outlives it
            self.proc.kill()
            self.proc = None
        if self.proc is not None:
            _kill(self.proc)
            self.proc = None
            if self._uid is not None:
                # whatever it forked, the next worker starts with the full process allowance
                kill_uid(self._uid)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ensure(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.close()
            self._start()

    # -- one request, one answer ------------------------------------------
    def _read_line(self, deadline: float) -> bytes | None:
        """One answer line, or None at ``deadline``.

        Reads at most ``limits.answer_bytes``; while waiting, the resident
        memory of the worker's whole process tree is checked against
        ``limits.tree_memory_bytes`` (the tree is killed when over).
        """
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        cap = self.limits.answer_bytes
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        try:
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                ready = sel.select(timeout=min(left, 0.2))
                if not ready or time.monotonic() - self._memory_checked > 0.5:
                    # while it computes, and at least every half second of answers:
                    # children that only hold memory are found too
                    self._check_tree_memory()
                if not ready:
                    continue
                chunk = os.read(fd, min(1 << 20, cap + 1 - len(self._buffer)))
                if not chunk:
                    raise EOFError
                self._buffer += chunk
                if len(self._buffer) > cap and b"\n" not in self._buffer[:cap + 1]:
                    self.close()
                    raise BadAnswer(f"your code sent back more than {cap / 1024**2:g} MB of data in one "
                                    "answer, more than grading accepts; return only what the exercise asks for")
        finally:
            sel.close()
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _check_tree_memory(self) -> None:
        self._memory_checked = time.monotonic()
        if self.proc is None:
            return
        used = tree_rss(self.proc.pid)
        if used > self.limits.tree_memory_bytes:
            self.close()
            self._killed_for = (f"it and the processes it started used {used / 1024**2:.0f} MiB of memory together, "
                                f"more than the {self.limits.tree_memory_bytes / 1024**2:.0f} MiB allowed")
            raise EOFError

    def _exchange(self, msg: dict, seconds: float, what: str):
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(msg, allow_nan=True) + "\n").encode())
            self.proc.stdin.flush()
            line = self._read_line(time.monotonic() + seconds)
        except (BrokenPipeError, EOFError, OSError):
            raise self._crashed(what) from None
        if line is None:
            self.close()
            raise StudentTimeout(f"{what} took longer than {seconds:g} s and was stopped. "
                                 "Is there an infinite loop, or a loop over far more items than needed?")
        try:
            answer = wire.parse_answer(line)
        except wire.WireError as exc:
            self.close()
            raise BadAnswer(f"{what} sent back something grading cannot read ({exc}); "
                            "did your code write to the grader's channel?") from None
        if "ok" in answer:
            self._answer_effects = answer.get("effects")
            try:
                return wire.decode(answer["ok"])
            except wire.WireError as exc:
                raise BadAnswer(f"{what} returned a value that cannot be graded ({exc})") from None
        if "missing" in answer:
            raise MissingDefinition(str(answer["missing"]))
        if "error" in answer and isinstance(answer["error"], dict):
            e = answer["error"]
            raise StudentError(what, str(e.get("type", "Exception"))[:100], str(e.get("message", ""))[:2000],
                               str(e.get("where", ""))[:3000])
        raise BadAnswer(f"{what}: malformed answer")

    def _crashed(self, what: str) -> StudentCrashed:
        proc = self.proc
        code = None
        if proc is not None:
            try:
                code = proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
        self.close()
        reason = self._killed_for or crash_reason(code, self.sandboxed, self.limits)
        self._killed_for = None
        return StudentCrashed(f"{what} crashed the process running your code: {reason}.")

    def _check_budget(self, what: str) -> float:
        """Seconds the next call may take; raise once the budget is spent."""
        if self.deadline is None:
            return self.limits.call_seconds
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise StudentTimeout(f"{what} was not run: the {self.budget_seconds:g} s of grading time for this "
                                 "exercise were used up by earlier calls that timed out or crashed.")
        return min(self.limits.call_seconds, left)

    def request(self, op: str, name: str, *args, handle=None, what: str | None = None,
                allow_inplace=(), allow_alias=(), check_effects: bool = True, **kwargs):
        """Send one request and return its decoded answer.

        For ``call``, ``new`` and ``method`` the worker also reports the call's
        side effects; they are kept in :attr:`last_effects` and, unless
        ``check_effects`` is false, checked by
        :func:`nncourse.grading.testing.check_effects`: the caller's arrays
        stay unchanged (except the arguments named or numbered in
        ``allow_inplace``, for statements that ask for in-place updates) and
        the result does not share memory with an argument.
        """
        what = what or f"`{name}`"
        if what in self.timed_out:
            raise StudentTimeout(f"{what} was not run again: an earlier call did not finish within "
                                 f"{self.limits.call_seconds:g} s. Is there an infinite loop?")
        self._check_budget(what)
        self._ensure()
        seconds = self._check_budget(what)
        msg = {"op": op, "name": name, "args": [wire.to_wire(a) for a in args],
               "kwargs": {k: wire.to_wire(v) for k, v in kwargs.items()}}
        if handle is not None:
            msg["handle"] = handle
        self._answer_effects = None
        try:
            value = self._exchange(msg, seconds, what)
        except StudentTimeout:
            self.timed_out.add(what)
            raise
        if op in ("call", "new", "method"):
            self.last_effects = Effects.parse(self._answer_effects)
            if check_effects:
                from .testing import check_effects as check

                check(what, self.last_effects, allow_inplace, allow_alias)
        return value

    # -- what hidden tests use ----------------------------------------------
    def function(self, name: str, allow_inplace=(), allow_alias=()) -> "RemoteFunction":
        """The student's function ``name``; ``allow_inplace`` lists the arguments (names or positions)
        the exercise's statement asks it to update in place, ``allow_alias`` those its result may be a
        view of (a function that only slices its input, as ``np.split`` does)."""
        return RemoteFunction(self, name, allow_inplace, allow_alias)

    def new(self, cls: str, *args, allow_inplace=(), **kwargs) -> "RemoteObject":
        """An instance of the student's class ``cls``.  ``allow_inplace`` maps a method name (or
        ``"__init__"``) to the arguments that call may update in place, e.g. ``{"step": ("params",)}``."""
        allow = dict(allow_inplace or {})
        answer = self.request("new", cls, *args, what=f"`{cls}(...)`", allow_inplace=allow, **kwargs)
        if not isinstance(answer, dict) or not isinstance(answer.get("handle"), int):
            raise BadAnswer(f"`{cls}(...)`: malformed answer")
        obj = RemoteObject(self, cls, answer["handle"], self.starts)
        obj.allow_inplace = allow
        return obj

    def value(self, name: str):
        """The value of a top-level variable of the notebook."""
        return self.request("get", name, what=f"`{name}`")


class RemoteFunction:
    def __init__(self, submission: Submission, name: str, allow_inplace=(), allow_alias=()):
        self.submission, self.name, self.allow_inplace = submission, name, tuple(allow_inplace)
        self.allow_alias = tuple(allow_alias)

    def __call__(self, *args, **kwargs):
        return self.submission.request("call", self.name, *args, what=f"`{self.name}(...)`",
                                       allow_inplace=self.allow_inplace, allow_alias=self.allow_alias, **kwargs)

    @property
    def effects(self) -> "Effects | None":
        """The side effects of the submission's latest call (this function's, after calling it)."""
        return self.submission.last_effects

    def __repr__(self):
        return f"<student's {self.name}>"


class RemoteObject:
    """An instance living in the worker, e.g. the student's ``Linear(W, b)``."""

    def __init__(self, submission: Submission, cls: str, handle: int, generation: int):
        self.submission, self.cls, self.handle, self.generation = submission, cls, handle, generation
        # method name (or "__init__") -> arguments of that call the statement lets the object update in place
        self.allow_inplace: dict = {}

    def _check_alive(self, what: str) -> None:
        if self.submission.starts != self.generation or self.submission.proc is None:
            raise StudentCrashed(f"{what}: the object was lost when an earlier call crashed the process "
                                 "running your code.")

    def call(self, method: str, *args, **kwargs):
        what = f"`{self.cls}.{method}(...)`"
        self._check_alive(what)
        return self.submission.request("method", method, *args, handle=self.handle, what=what,
                                       allow_inplace=self.allow_inplace, **kwargs)

    def get(self, attr: str):
        what = f"`{self.cls}.{attr}`"
        self._check_alive(what)
        return self.submission.request("get", attr, handle=self.handle, what=what)


def crash_reason(code: int | None, sandboxed: bool | None, limits: Limits) -> str:
    """What an exit status of the worker means, for the student.

    bwrap passes on a signal that killed the worker as status 128 + signal.
    """
    if code is None:
        return "it stopped answering"
    sig = None
    if code < 0:
        sig = -code
    elif sandboxed and code > 128:
        sig = code - 128
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return {"SIGKILL": "it was killed (out of memory, or by a signal)",
                "SIGSEGV": "it crashed (segmentation fault)",
                "SIGBUS": "it crashed (bus error)",
                "SIGABRT": "it crashed (aborted)",
                "SIGXCPU": f"it used more than {limits.cpu_seconds} s of CPU time",
                "SIGXFSZ": f"it wrote a file larger than {limits.file_bytes / 1024**2:g} MB"}.get(
                    name, f"it was killed by {name}")
    return f"your code called exit() (status {code})"


class Effects:
    """The side effects the worker reported for one call (see :mod:`.effects`), sanitised.

    ``mutated``, ``result_aliases``, ``state_aliases``: lists of dicts;
    ``warnings``: list of ``{"category", "message"}``; ``dtypes``: ``{path: dtype}``.
    Everything is plain, bounded data: the worker runs the student's code and
    is not trusted to send anything else.
    """

    FIELDS = ("mutated", "result_aliases", "state_aliases", "warnings")

    def __init__(self, mutated=(), result_aliases=(), state_aliases=(), warnings=(), dtypes=None):
        self.mutated, self.result_aliases = list(mutated), list(result_aliases)
        self.state_aliases, self.warnings = list(state_aliases), list(warnings)
        self.dtypes = dict(dtypes or {})

    @classmethod
    def parse(cls, raw) -> "Effects":
        if not isinstance(raw, dict):
            return cls()
        out = {}
        for key in cls.FIELDS:
            items = raw.get(key)
            out[key] = [_plain(d) for d in items[:50] if isinstance(d, dict)] if isinstance(items, list) else []
        dtypes = raw.get("dtypes")
        out["dtypes"] = ({str(k)[:200]: str(v)[:40] for k, v in list(dtypes.items())[:64]}
                         if isinstance(dtypes, dict) else {})
        return cls(**out)

    def __repr__(self):
        return (f"Effects(mutated={self.mutated}, result_aliases={self.result_aliases}, "
                f"state_aliases={self.state_aliases}, warnings={self.warnings}, dtypes={self.dtypes})")


def _plain(d: dict) -> dict:
    out = {}
    for k, v in list(d.items())[:20]:
        if isinstance(v, bool) or v is None or isinstance(v, (int, float)):
            out[str(k)[:40]] = v
        elif isinstance(v, list):
            out[str(k)[:40]] = [x for x in v[:8] if isinstance(x, (int, float)) and not isinstance(x, bool)]
        else:
            out[str(k)[:40]] = str(v)[:300]
    return out


def _kill(proc: subprocess.Popen) -> None:
    # its process group only while the leader is not reaped yet: once reaped, its pid (and so that
    # group id) may already belong to an unrelated process, such as a notebook kernel
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream:
                stream.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
