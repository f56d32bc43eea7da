"""Reference images: what a picture shows once its exercise is done.

A student who is stuck on an exercise should still see the payoff of the
pictures that need it.  For every code cell of a solution notebook that says it
needs an exercise (its source contains ``fails with NotImplementedError until``
or ``needs Exercise``), this tool executes the solution notebook, saves the
cell's first figure (cells that only print are left alone) as ``solutions/<lesson>/figures/<cell>.png`` and puts a
markdown cell right after it that shows the image.  ``nbgrader
generate_assignment`` copies ``figures/`` into the release with the notebook.

    python -m nncourse.reference_figures 06-sgd 08-overfitting   # or no argument: every lesson

Run it after changing a picture, then ``make release``.  ``tests/test_lessons.py``
checks that every such cell has its image.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import sys

import nbformat

MARKERS = ("fails with NotImplementedError until", "needs Exercise")
META_KEY = "nncourse"


def needs_exercise(cell) -> bool:
    """Does this code cell draw a picture that needs an unfinished exercise?"""
    return cell.cell_type == "code" and any(m in cell.source for m in MARKERS)


def is_reference_cell(cell) -> bool:
    return cell.cell_type == "markdown" and cell.metadata.get(META_KEY, {}).get("reference_figure", False)


def figure_name(cell, index: int) -> str:
    """A file name from the cell's position and the last function it calls, e.g. ``25-compare_learning_rates.png``.

    A picture drawn through ``explore(draw, ...)`` is named after ``draw``.
    """
    calls = re.findall(r"^(?:explore\(\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)\()", cell.source, flags=re.M)
    names = [drawn or called for drawn, called in calls]
    return f"{index:02d}-{names[-1] if names else 'cell'}.png"


def reference_cell(image: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(
        f"*What you should see once the exercises above are done* (from the solution):\n\n"
        f"![the picture the cell above draws, from the solution](figures/{image})")
    cell.metadata[META_KEY] = {"reference_figure": True}
    return cell


#: Seconds a cell may wait for the kernel to start it before the kernel is nudged.
NUDGE_AFTER_S = 10.0


def execute(nb, cwd: str, timeout: int = 600, **client_options):
    """Run ``nb`` top to bottom in a fresh ``python3`` kernel in ``cwd``, with matplotlib's inline backend.

    ipykernel 7 and pyzmq can leave a message unread on a socket whose
    edge-triggered wake-up was consumed (ipython/ipykernel#1529, #1554): a
    request the kernel never starts, or a reply the client never reads, after
    which both sides sit idle until the cell's whole ``timeout`` has passed.
    So while a cell has no reply, the kernel is sent a ``kernel_info_request``
    on the same shell socket every :data:`NUDGE_AFTER_S` seconds (a busy
    kernel answers it after the cell; nbclient skips the answer); the traffic
    wakes both ends and the waiting message is read.  Returns ``(nb, nudged)``:
    the executed notebook and the indices of the cells that waited while the
    kernel had not started them or had already gone idle after them (a wedge).
    """
    import asyncio

    from nbclient import NotebookClient

    nudged: list[int] = []
    client = None

    async def watch(cell, cell_index):
        while True:
            await asyncio.sleep(NUDGE_AFTER_S)
            seen = cell.metadata.get("execution", {})
            if "shell.execute_reply" in seen or client.kc is None:
                return
            if "iopub.execute_input" not in seen or "iopub.status.idle" in seen:
                nudged.append(cell_index)    # a wedge: the kernel is idle, the client waits
            client.kc.kernel_info()          # its reply is skipped: nbclient waits for this cell's reply only

    tasks = []

    def on_execute(cell, cell_index):
        tasks.append(asyncio.ensure_future(watch(cell, cell_index)))

    def on_executed(cell, cell_index, execute_reply):
        while tasks:
            tasks.pop().cancel()

    env_backend = os.environ.pop("MPLBACKEND", None)   # the inline backend, so figures become outputs
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": cwd}},
                                record_timing=True, on_cell_execute=on_execute, on_cell_executed=on_executed,
                                **client_options)
        client.execute()
    finally:
        for task in tasks:
            task.cancel()
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    if nudged:
        print(f"reference_figures: cell(s) {sorted(set(nudged))} waited for the kernel and were nudged",
              file=sys.stderr)
    return nb, sorted(set(nudged))


def update(root: str, lesson: str) -> list[str]:
    """Refresh the reference images and cells of one lesson; returns the image paths written."""
    folder = os.path.join(root, "solutions", lesson)
    path = os.path.join(folder, f"{lesson}.ipynb")
    source = nbformat.read(path, as_version=4)
    # a refreshed reference cell keeps its id, so refreshing changes only what changed
    old_ids = {prev.get("id"): cell.get("id") for prev, cell in zip(source.cells, source.cells[1:])
               if is_reference_cell(cell)}
    source.cells = [c for c in source.cells if not is_reference_cell(c)]
    executed, _ = execute(nbformat.from_dict(source), folder)
    os.makedirs(os.path.join(folder, "figures"), exist_ok=True)
    written, cells = [], []
    for index, (cell, run) in enumerate(zip(source.cells, executed.cells)):
        cells.append(cell)
        following = source.cells[index + 1] if index + 1 < len(source.cells) else None
        if not needs_exercise(cell) or (following is not None and "should see" in following.source):
            continue          # no exercise needed, or the lesson draws its own reference picture
        pngs = [o["data"]["image/png"] for o in run.get("outputs", []) if "image/png" in o.get("data", {})]
        if not pngs:
            continue          # a table or a printout, not a picture
        name = figure_name(cell, index)
        image = os.path.join(folder, "figures", name)
        with open(image, "wb") as fh:
            fh.write(base64.b64decode(pngs[0]))
        written.append(image)
        reference = reference_cell(name)
        if old_ids.get(cell.get("id")):
            reference.id = old_ids[cell.get("id")]
        cells.append(reference)
    source.cells = cells
    nbformat.write(source, path)
    return written


def lesson_main(prog: str, doc: str, update, argv: list[str] | None = None, *, every_lesson: bool = True) -> int:
    """The command line of a tool that refreshes lessons' images: ``python -m <prog> [LESSON ...] [--root DIR]``.

    Runs ``update(root, lesson)`` for each lesson named (for every lesson in
    ``solutions/`` when none is and ``every_lesson`` is true; otherwise at least one
    is required) and prints each image it wrote, relative to the root.  Returns the
    exit status: 2 when a lesson has no solution notebook.
    """
    parser = argparse.ArgumentParser(prog=f"python -m {prog}", description=doc.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*" if every_lesson else "+",
                        help="lessons to refresh" + (" (default: every lesson in solutions/)" if every_lesson else ""))
    parser.add_argument("--root", default=os.getcwd(), help="the course repository (default: the current folder)")
    args = parser.parse_args(argv)
    lessons = args.lessons or sorted(d for d in os.listdir(os.path.join(args.root, "solutions"))
                                     if os.path.isdir(os.path.join(args.root, "solutions", d)))
    tool = prog.rsplit(".", 1)[-1]
    for lesson in lessons:
        if not os.path.isfile(os.path.join(args.root, "solutions", lesson, f"{lesson}.ipynb")):
            print(f"{tool}: no notebook solutions/{lesson}/{lesson}.ipynb", file=sys.stderr)
            return 2
        for image in update(args.root, lesson):
            print(os.path.relpath(image, args.root))
    return 0


def main(argv: list[str] | None = None) -> int:
    return lesson_main("nncourse.reference_figures", __doc__, update, argv)


if __name__ == "__main__":
    sys.exit(main())
