"""Where the feedback page's templates are: ours, and the nbgrader ones they extend.

Kept apart from :mod:`.feedback` so that reading a course's configuration
(:func:`.config.configure`, run by every nbgrader and nncourse process of a
course) finds these folders without importing nbconvert or nbgrader.
"""

from __future__ import annotations

import importlib.util
import os

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def _formgrader() -> str:
    """nbgrader's formgrader folder, found without importing nbgrader."""
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nbgrader is not installed: pip install -e '.[grading]'")
    return os.path.join(list(spec.submodule_search_locations)[0], "server_extensions", "formgrader")


def feedback_template_dirs() -> list[str]:
    """Base folders holding ``nncourse_feedback`` and the nbgrader ``feedback`` template it extends."""
    return [TEMPLATES, os.path.join(_formgrader(), "templates")]


def feedback_template_paths() -> list[str]:
    """Loader folders: nbgrader's templates (for ``feedback/index.html.j2``) and its bootstrap CSS."""
    return [os.path.join(_formgrader(), "templates"),
            os.path.join(_formgrader(), "static", "node_modules", "bootstrap", "dist", "css")]
