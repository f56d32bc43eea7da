r"""How long does a slider move take in each lesson's interactive pictures?  ``make bench-widgets``.

Each lesson's solution notebook is executed top to bottom in a real kernel
(nbclient, matplotlib's inline backend, as in JupyterLab).  Around every code
cell that creates widgets, two small cells are run in the same kernel: one
notes which widgets exist before it, the other finds each interactive picture
the cell made (``ipywidgets.interact``/``interact_manual`` or
:func:`nncourse.widgets.explore`), moves its first slider by one step from the
default (the next option of a selection) and times the redraw that follows,
exactly as a student's move would trigger it (for ``interact_manual`` and
``explore(..., button=...)``: the move, then the button).  A redraw that raises
is reported as an error, not a time.

The table goes to stdout, the records to ``build/bench-widgets.json`` (keys
``lesson``, ``cell``, ``picture``, ``control``, ``move``, ``redraw_s``,
``cell_s``, ``error``).  Times are wall clock on whatever else the machine is
doing: compare runs on an idle machine.

    python -m nncourse.bench_widgets [LESSON ...] [--out build/bench-widgets.json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from datetime import datetime

__all__ = ["nudge", "pictures", "time_new_pictures", "run_lesson", "format_table", "main"]

MARK = "NNCOURSE-BENCH-WIDGETS "
_BEFORE = "__nncourse_bench_before"


# -- in the kernel ------------------------------------------------------------------------------

def nudge(control) -> str:
    """Move ``control`` one step from its value, as a student's arrow key would; returns ``"old → new"``."""
    import ipywidgets as W

    old = getattr(control, "value", None)
    if isinstance(control, W.widgets.widget_selection._Selection):
        n = len(control.options)
        control.index = control.index + 1 if control.index + 1 < n else control.index - 1
    elif isinstance(control, W.FloatLogSlider):
        up = control.value * control.base ** control.step
        control.value = up if math.log(up, control.base) <= control.max + 1e-9 else \
            control.value / control.base ** control.step
    elif isinstance(control, (W.IntSlider, W.FloatSlider, W.BoundedIntText, W.BoundedFloatText)):
        up = control.value + control.step
        control.value = up if up <= control.max else control.value - control.step
    else:
        raise TypeError(f"bench_widgets: cannot move a {type(control).__name__}")
    return f"{_fmt(old)} → {_fmt(control.value)}"


def _fmt(v) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def _movable(control) -> bool:
    import ipywidgets as W

    return isinstance(control, (W.widgets.widget_selection._Selection, W.FloatLogSlider,
                                W.IntSlider, W.FloatSlider))


def pictures(widgets) -> list[tuple[str, list, object]]:
    """``(name, controls, trigger)`` for each interactive picture among ``widgets``.

    ``trigger`` is ``None`` when a control's change redraws by itself, else the
    callable a button press runs.
    """
    import ipywidgets as W

    found = []
    for w in widgets:
        if isinstance(w, W.interactive):
            found.append((getattr(w.f, "__name__", "?"), list(w.kwargs_widgets), w.update if w.manual else None))
        elif isinstance(w, W.Box) and callable(getattr(w, "redraw", None)) and hasattr(w, "controls"):
            found.append((getattr(w.draw, "__name__", "?"), list(w.controls.values()),
                          w.redraw if getattr(w, "button", None) else None))
    return found


def time_new_pictures(before: set, lesson: str = "", cell: int = -1) -> list[dict]:
    """Time one slider move in each picture made since ``before`` (a set of widget ids); prints the records."""
    from IPython import get_ipython
    from ipywidgets.widgets.widget import _instances

    ip = get_ipython()
    records = []
    for name, controls, trigger in pictures([w for k, w in list(_instances.items()) if k not in before]):
        movable = [c for c in controls if _movable(c)]
        record = {"lesson": lesson, "cell": cell, "picture": name, "control": None, "move": None,
                  "redraw_s": None, "error": None}
        records.append(record)
        if not movable:
            record["error"] = "no slider to move"
            continue
        errors = []
        original = ip.showtraceback if ip is not None else None
        if ip is not None:
            ip.showtraceback = lambda *a, **k: errors.append(sys.exc_info()[1])
        try:
            control = movable[0]
            record["control"] = control.description or "?"
            t0 = time.perf_counter()
            record["move"] = nudge(control)
            if trigger is not None:
                t0 = time.perf_counter()
                trigger()
            record["redraw_s"] = round(time.perf_counter() - t0, 4)
        except Exception as exc:                 # noqa: BLE001 - explore shows it in place; report it
            errors.append(exc)
        finally:
            if ip is not None:
                ip.showtraceback = original
        if errors:
            record["error"] = f"{type(errors[0]).__name__}: {errors[0]}"[:200]
            record["redraw_s"] = None
    print(MARK + json.dumps(records))
    return records


# -- in the benchmark process -------------------------------------------------------------------

def _is_picture_cell(cell) -> bool:
    return cell.cell_type == "code" and _calls_widgets(cell.source)


def _calls_widgets(src: str) -> bool:
    """Does a top-level line of ``src`` make an interactive picture?"""
    lines = [ln for ln in src.splitlines() if not ln.startswith((" ", "\t", "#", "def ", "@"))]
    return any(ln.startswith(("widgets.interact", "explore(", "interact")) for ln in lines)


def run_lesson(root: str, lesson: str, timeout: int = 900) -> list[dict]:
    """Execute ``solutions/<lesson>/<lesson>.ipynb`` with a probe around each picture cell; the records."""
    import nbformat

    from .reference_figures import execute

    folder = os.path.join(root, "solutions", lesson)
    nb = nbformat.read(os.path.join(folder, f"{lesson}.ipynb"), as_version=4)
    cells, probes = [], {}
    for index, cell in enumerate(nb.cells):
        if _is_picture_cell(cell):
            cells.append(nbformat.v4.new_code_cell(
                f"{_BEFORE} = set(__import__('ipywidgets').widgets.widget._instances)"))
            cells.append(cell)
            probe = nbformat.v4.new_code_cell(
                f"__import__('nncourse.bench_widgets', fromlist=['x']).time_new_pictures({_BEFORE}, "
                f"{lesson!r}, {index})")
            probes[index] = (cell, probe)
            cells.append(probe)
        else:
            cells.append(cell)
    nb.cells = cells
    execute(nb, folder, timeout=timeout)
    records = []
    for index, (cell, probe) in probes.items():
        text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
        lines = [ln[len(MARK):] for ln in text.splitlines() if ln.startswith(MARK)]
        found = json.loads(lines[-1]) if lines else []
        for record in found:
            record["cell_s"] = _cell_seconds(cell)
        records.extend(found)
    return records


def _cell_seconds(cell) -> float | None:
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return None
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return round((parse(end) - parse(start)).total_seconds(), 2)


def format_table(records: list[dict]) -> str:
    head = f"{'lesson':<18} {'cell':>4}  {'picture':<24} {'control':<26} {'move':<16} {'redraw s':>8} {'cell s':>7}"
    rows = [head, "-" * len(head)]
    for r in records:
        redraw = f"{r['redraw_s']:.3f}" if r["redraw_s"] is not None else "error"
        cell_s = f"{r['cell_s']:.1f}" if r.get("cell_s") is not None else "-"
        rows.append(f"{r['lesson']:<18} {r['cell']:>4}  {r['picture'][:24]:<24} {str(r['control'])[:26]:<26} "
                    f"{str(r['move'])[:16]:<16} {redraw:>8} {cell_s:>7}")
        if r["error"]:
            rows.append(f"{'':<24}  {r['error']}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nncourse.bench_widgets", description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="lessons to time (default: every lesson in solutions/)")
    parser.add_argument("--root", default=os.getcwd(), help="the course repository (default: the current folder)")
    parser.add_argument("--out", default=os.path.join("build", "bench-widgets.json"))
    args = parser.parse_args(argv)
    lessons = args.lessons or sorted(d for d in os.listdir(os.path.join(args.root, "solutions"))
                                     if os.path.isfile(os.path.join(args.root, "solutions", d, f"{d}.ipynb")))
    records = []
    for lesson in lessons:
        if not os.path.isfile(os.path.join(args.root, "solutions", lesson, f"{lesson}.ipynb")):
            print(f"bench_widgets: no notebook solutions/{lesson}/{lesson}.ipynb", file=sys.stderr)
            return 2
        t0 = time.perf_counter()
        found = run_lesson(args.root, lesson)
        print(f"{lesson}: {len(found)} picture(s), notebook run in {time.perf_counter() - t0:.0f} s", flush=True)
        records.extend(found)
    print(format_table(records))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(records, fh, indent=1)
    return 1 if any(r["error"] for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
