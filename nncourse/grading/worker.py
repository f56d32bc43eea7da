"""The student's side of grading: a process that holds the submission's code.

Started by :mod:`nncourse.grading.remote` (inside the sandbox when there is
one) as ``python -m nncourse.grading.worker``.  It talks over its original
stdin/stdout, one JSON message per line; the student's code never sees those
file descriptors as ``sys.stdin``/``sys.stdout`` (its prints are discarded).

First message: ``{"op": "load", "cells": [{"index": i, "source": s}, ...]}``.
The worker runs, from each cell in order, only the top-level statements that
*define* things — ``import``/``from``, ``def``, ``class`` and assignments — so
that loops, prints, plots and self-checks in the notebook do not run while
grading; an assignment whose value calls a drawing package (``fig, ax =
plt.subplots()``) counts as a plot.  Every statement runs under its own time limit; one that fails is
reported and skipped, the rest still run.

Then requests, each answered by exactly one line:

``call``   ``{"op": "call", "name": f, "args": [...], "kwargs": {...}}``
``new``    ``{"op": "new", "name": cls, ...}`` → ``{"ok": {"handle": n}}``
``method`` ``{"op": "method", "handle": n, "name": m, ...}``
``get``    ``{"op": "get", "handle": n, "name": attr}`` (an attribute of object ``n``), or
           ``{"op": "get", "handle": null, "name": x}`` (a top-level variable: a question's answer)

``call``, ``new`` and ``method`` answers carry the call's side effects
(``"effects"``, see :mod:`.effects`).  Any other operation is an error.
Answers are ``{"ok": value}``, ``{"error": {"type", "message", "where"}}`` or
``{"missing": name}``.  This module must stay free of anything secret: it
runs with the student's code in one process.
"""

from __future__ import annotations

import ast
import json
import linecache
import os
import signal
import sys
import traceback

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
        ast.Assign, ast.AnnAssign)


class StatementTimeout(BaseException):
    pass


# Display-only packages: slow to import and almost never needed by an exercise.
# Their imports bind proxies that import the real thing on first use.
LAZY_PACKAGES = frozenset({"matplotlib", "ipywidgets", "IPython", "tqdm", "seaborn", "sklearn"})
# Of those, the ones that only draw: an assignment whose value calls into one of them
# (``fig, ax = plt.subplots()``, ``slider = widgets.FloatSlider()``) is display code, skipped
# like a plot (it would import matplotlib, 0.4 s, in every worker of such a notebook).
DISPLAY_PACKAGES = LAZY_PACKAGES - {"sklearn"}


def _import(module: str, attr: str | None = None):
    import importlib

    mod = importlib.import_module(module)
    if attr is None:
        return mod
    try:
        return getattr(mod, attr)
    except AttributeError:
        return importlib.import_module(f"{module}.{attr}")


class _Lazy:
    """Stands for ``module`` (or ``module.attr``) until it is first used."""

    __slots__ = ("_target", "_value")

    def __init__(self, module: str, attr: str | None = None):
        object.__setattr__(self, "_target", (module, attr))
        object.__setattr__(self, "_value", None)

    def _resolve(self):
        value = object.__getattribute__(self, "_value")
        if value is None:
            value = _import(*object.__getattribute__(self, "_target"))
            object.__setattr__(self, "_value", value)
        return value

    def __getattr__(self, name):
        value = self._resolve()
        try:
            return getattr(value, name)
        except AttributeError:
            module, attr = object.__getattribute__(self, "_target")
            if attr is None:
                return _import(f"{module}.{name}")
            raise

    def __call__(self, *args, **kwargs):
        return self._resolve()(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self._resolve(),)


def _lazy_import(node, ns: dict) -> bool:
    """Bind proxies for an import of a display-only package; False if not one."""
    if isinstance(node, ast.Import):
        if not all(a.name.split(".")[0] in LAZY_PACKAGES for a in node.names):
            return False
        for a in node.names:
            if a.asname:
                ns[a.asname] = _Lazy(a.name)
            else:
                top = a.name.split(".")[0]
                ns[top] = _Lazy(top)
        return True
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
            and node.module.split(".")[0] in LAZY_PACKAGES and all(a.name != "*" for a in node.names):
        for a in node.names:
            ns[a.asname or a.name] = _Lazy(node.module, a.name)
        return True
    return False


def _draws(node, ns: dict) -> bool:
    """Whether ``node`` is an assignment whose value calls something reached through a display
    package's proxy (see :data:`DISPLAY_PACKAGES`)."""
    value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
    for sub in ast.walk(value) if value is not None else ():
        if isinstance(sub, ast.Call):
            root = sub.func
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            bound = ns.get(root.id) if isinstance(root, ast.Name) else None
            if isinstance(bound, _Lazy) and \
                    object.__getattribute__(bound, "_target")[0].split(".")[0] in DISPLAY_PACKAGES:
                return True
    return False


def _on_alarm(signum, frame):
    raise StatementTimeout()


def _cell_filename(index: int) -> str:
    return f"<notebook cell {index}>"


def transform_cell(source: str) -> str:
    """Turn IPython syntax (``%magic``, ``!cmd``) into plain Python if needed."""
    return parse_cell(source, "<cell>")[0]


def parse_cell(source: str, filename: str) -> tuple[str, ast.Module]:
    """The cell as plain Python (IPython syntax such as ``%magic`` and ``!cmd`` turned into
    calls) and its syntax tree; raises :class:`SyntaxError` if it is not Python either way.
    A plain Python cell is parsed once."""
    try:
        return source, ast.parse(source, filename=filename)
    except SyntaxError:
        try:
            from IPython.core.inputtransformer2 import TransformerManager
        except ImportError:  # pragma: no cover - IPython ships with ipykernel
            raise
    source = TransformerManager().transform_cell(source)
    return source, ast.parse(source, filename=filename)


def _where(exc: BaseException) -> str:
    """The student's own frames of ``exc``'s traceback, as text."""
    lines = []
    for fs in traceback.extract_tb(exc.__traceback__):
        if fs.filename.startswith("<notebook cell"):
            lines.append(f"{fs.filename[1:-1]}, line {fs.lineno}, in {fs.name}: {fs.line or ''}".rstrip())
    return "\n".join(lines[-6:])


def _error(exc: BaseException) -> dict:
    msg = str(exc)
    if len(msg) > 2000:
        msg = msg[:2000] + " …"
    return {"error": {"type": type(exc).__name__, "message": msg, "where": _where(exc)}}


class Worker:
    def __init__(self, proto_in, proto_out):
        self.proto_in = proto_in
        self.proto_out = proto_out
        self.ns = {"__name__": "__main__", "__builtins__": __builtins__}
        self.handles: dict[int, object] = {}
        # per object: the caller's arrays it still holds (see effects.Tracked)
        self.tracked: dict[int, list] = {}
        self.statement_timeout = 10

    # -- loading the submission ----------------------------------------
    def load(self, cells, statement_timeout: float) -> dict:
        report = {"statements": 0, "skipped": 0, "problems": []}
        for cell in cells:
            index, source = int(cell["index"]), str(cell["source"])
            filename = _cell_filename(index)
            try:
                source, tree = parse_cell(source, filename)
            except SyntaxError as exc:
                report["problems"].append(
                    f"cell {index}: syntax error on line {exc.lineno}: {exc.msg}")
                continue
            finally:
                linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            for node in tree.body:
                if not isinstance(node, KEEP) or _draws(node, self.ns):
                    report["skipped"] += 1
                    continue
                report["statements"] += 1
                if _lazy_import(node, self.ns):
                    continue
                code = compile(ast.Module(body=[node], type_ignores=[]), filename, "exec")
                signal.setitimer(signal.ITIMER_REAL, statement_timeout)
                try:
                    exec(code, self.ns)
                except StatementTimeout:
                    report["problems"].append(
                        f"cell {index}, line {node.lineno}: took longer than {statement_timeout:g} s and was stopped")
                except BaseException as exc:  # noqa: BLE001 - the student's code may raise anything
                    report["problems"].append(
                        f"cell {index}, line {node.lineno}: {type(exc).__name__}: {str(exc)[:300]}")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        return report

    # -- serving calls ---------------------------------------------------
    def _lookup(self, name: str):
        if name not in self.ns or name.startswith("__"):
            raise KeyError(name)
        return self.ns[name]

    @staticmethod
    def _recorded(target, args, kwargs, origin: str, obj=None, tracked=None, new: bool = False):
        """Call ``target`` and record its side effects (:mod:`.effects`)."""
        from nncourse.grading.effects import Recorder

        rec = Recorder(target, args, kwargs, origin, obj=obj, tracked=tracked)
        with rec:
            result = target(*args, **kwargs)
        fx = rec.finish(None if new else result, obj=result if new else obj)
        return result, fx

    def handle(self, req: dict):
        from nncourse.grading import wire

        op = req.get("op")
        args = [wire.decode(a) for a in req.get("args", [])]
        kwargs = {k: wire.decode(v) for k, v in req.get("kwargs", {}).items()}
        name = req.get("name")
        if op in ("call", "new"):
            try:
                target = self._lookup(name)
            except KeyError:
                return {"missing": name}
            if op == "new":
                tracked: list = []
                result, fx = self._recorded(target, args, kwargs, f"{name}(...)", tracked=tracked, new=True)
                handle = len(self.handles) + 1
                self.handles[handle] = result
                self.tracked[handle] = tracked
                return {"ok": {"handle": handle}, "effects": fx}
            result, fx = self._recorded(target, args, kwargs, name)
            return {"ok": wire.to_wire(result), "effects": fx}
        if op == "get" and req.get("handle") is None:
            try:
                return {"ok": wire.to_wire(self._lookup(name))}
            except KeyError:
                return {"missing": name}
        if op not in ("method", "get"):
            raise ValueError(f"unknown request {op!r}")
        handle = int(req["handle"])
        obj = self.handles[handle]
        if op == "method":
            if not hasattr(obj, name):
                return {"missing": f"{type(obj).__name__}.{name}"}
            result, fx = self._recorded(getattr(obj, name), args, kwargs, name, obj=obj,
                                        tracked=self.tracked.setdefault(handle, []))
            return {"ok": wire.to_wire(result), "effects": fx}
        if not hasattr(obj, name):
            return {"missing": f"{type(obj).__name__}.{name}"}
        return {"ok": wire.to_wire(getattr(obj, name))}

    def send(self, message: dict) -> None:
        self.proto_out.write(json.dumps(message, allow_nan=True, separators=(",", ":")) + "\n")
        self.proto_out.flush()

    def serve(self) -> None:
        for line in self.proto_in:
            req = json.loads(line)
            if req.get("op") == "load":
                self.statement_timeout = float(req.get("statement_timeout", 10))
                self.send({"ok": self.load(req["cells"], self.statement_timeout)})
                continue
            try:
                answer = self.handle(req)
            except BaseException as exc:  # noqa: BLE001
                answer = _error(exc)
            try:
                self.send(answer)
            except (TypeError, ValueError) as exc:
                self.send(_error(exc))


def main() -> None:
    # Keep the protocol on private copies of stdin/stdout; the student's code
    # gets /dev/null for fds 0-2, so nothing it prints can corrupt a message.
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    signal.signal(signal.SIGALRM, _on_alarm)
    sys.setrecursionlimit(3000)
    Worker(proto_in, proto_out).serve()


if __name__ == "__main__":
    main()
