"""Reference images for pictures drawn inside widgets: what a stuck student should see.

:mod:`nncourse.reference_figures` saves the figure a cell prints.  A picture
drawn by :func:`nncourse.widgets.explore` lives inside the widget's ``Output``
and never becomes an output of the cell, so that tool cannot see it.  For such a
picture, the markdown cell right after the ``explore(...)`` cell names the
drawing call and the image in its metadata::

    {"nncourse": {"widget_reference": {"call": "show_training(n_hidden=50)",
                                       "image": "32-show_training.png"}}}

and shows ``figures/<image>`` in its text (which says "should see", so
:mod:`nncourse.reference_figures` leaves the cell alone).  This tool loads the
solution notebook's definitions the way grading does (top-level imports,
definitions and assignments only; see :class:`nncourse.grading.worker.Worker`),
evaluates each call with matplotlib's Agg backend and writes the figure it draws
to ``solutions/<lesson>/figures/<image>``; ``nbgrader generate_assignment``
copies it into the release::

    python -m nncourse.widget_references 04-backprop 07-optimizers

Run it after changing such a picture, then ``make release``.
"""

from __future__ import annotations

import os
import sys

import nbformat

from .reference_figures import lesson_main

META_KEY = "nncourse"
SPEC_KEY = "widget_reference"


def reference_spec(cell) -> dict | None:
    """``{"call": str, "image": str}`` of a widget reference cell, else ``None``."""
    if cell.cell_type != "markdown":
        return None
    spec = (cell.metadata.get(META_KEY) or {}).get(SPEC_KEY)
    if spec is None:
        return None
    if not (isinstance(spec, dict) and isinstance(spec.get("call"), str) and isinstance(spec.get("image"), str)
            and spec["image"].endswith(".png") and "/" not in spec["image"]):
        raise ValueError(f"widget_references: a reference cell's metadata must be {{'call': 'draw(...)', "
                         f"'image': 'name.png'}}, got {spec!r}")
    return spec


def reference_cells(nb) -> list[tuple[int, dict]]:
    """``(index, spec)`` of every widget reference cell of a notebook."""
    return [(i, spec) for i, cell in enumerate(nb.cells) if (spec := reference_spec(cell)) is not None]


def solution_definitions(path: str) -> dict:
    """The namespace grading would build from the notebook at ``path`` (grade cells left out)."""
    from nncourse.grading.worker import Worker

    nb = nbformat.read(path, as_version=4)
    cells = [{"index": i, "source": c.source} for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and not (c.metadata.get("nbgrader") or {}).get("grade")]
    worker = Worker(None, None)
    report = worker.load(cells, 120)
    if report["problems"]:
        raise RuntimeError(f"widget_references: {path} does not load cleanly: {report['problems']}")
    return worker.ns


def update(root: str, lesson: str) -> list[str]:
    """Draw every widget reference image of one lesson; returns the image paths written."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from threadpoolctl import threadpool_limits

    folder = os.path.join(root, "solutions", lesson)
    path = os.path.join(folder, f"{lesson}.ipynb")
    specs = reference_cells(nbformat.read(path, as_version=4))
    if not specs:
        return []
    namespace = solution_definitions(path)
    os.makedirs(os.path.join(folder, "figures"), exist_ok=True)
    written = []
    show = plt.show
    for _, spec in specs:
        image = os.path.join(folder, "figures", spec["image"])
        figures = []
        plt.show = lambda *a, **k: figures.append(plt.gcf())
        try:
            with threadpool_limits(limits=1):
                eval(spec["call"], namespace)   # noqa: S307 - the course's own solution notebook
        finally:
            plt.show = show
        if not figures:
            raise RuntimeError(f"widget_references: {spec['call']} drew no figure (it must end in plt.show())")
        figures[0].savefig(image, dpi=72, bbox_inches="tight")
        plt.close("all")
        written.append(image)
    return written


def main(argv: list[str] | None = None) -> int:
    return lesson_main("nncourse.widget_references", __doc__, update, argv, every_lesson=False)


if __name__ == "__main__":
    sys.exit(main())
