"""The nbgrader settings nncourse needs, applied by ``nbgrader_config.py``, and the course secret.

Kept here, not in the config file, so that tests and the demo build the very
same configuration for a temporary workspace.  :func:`course_secret` is the
one setting that is not nbgrader's: the secret that seeds the hidden inputs.
"""

from __future__ import annotations

import os
import secrets
import sys

GRADER = "nncourse.grading.preprocessor.GradeWithHiddenSuites"

# `nbgrader zip_collect`: files in workspace/downloaded/<lesson>/archive/ (or in
# zip archives there) are named <student id>_<notebook>, optionally with an
# upload time: alice_04-backprop.ipynb, alice_2026-01-30-15-00-00_04-backprop.ipynb.
# Student ids are letters, digits, '.' and '-' (no '_').
# nbgrader matches it against the file's whole path, hence the leading folders.
ZIP_COLLECT_REGEXP = (r"^(?:.*[/\\])?(?P<student_id>[A-Za-z0-9.\-]+)_"
                      r"(?:(?P<timestamp>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)_)?"
                      r"(?P<file_id>[^/\\]+\.ipynb)$")


def configure(c, repo: str, workspace: str, autograder: str | None = None, release: str | None = None) -> None:
    """Fill the traitlets config ``c`` for a course at ``repo`` graded into ``workspace``.

    ``release`` overrides where generated lessons go (the demo and the sync
    check generate into a temporary folder, never over ``lessons/``).
    """
    repo = os.path.abspath(repo)
    workspace = os.path.abspath(workspace)
    os.makedirs(workspace, exist_ok=True)
    c.CourseDirectory.root = workspace
    c.CourseDirectory.source_directory = os.path.join(repo, "solutions")
    c.CourseDirectory.release_directory = os.path.abspath(release) if release else os.path.join(repo, "lessons")
    c.CourseDirectory.submitted_directory = "submitted"
    c.CourseDirectory.autograded_directory = "autograded"
    c.CourseDirectory.feedback_directory = "feedback"
    c.CourseDirectory.db_url = "sqlite:///" + os.path.join(workspace, "gradebook.db")
    # commits that do not wait for the disk (on a local disk only; see nncourse.grading.sqlite_wal)
    from .sqlite_wal import use_wal

    use_wal()
    # Only notebooks are lesson material; never copy checkpoints or caches.
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

    # The submission folder is the student's: links and special files are moved
    # aside before nbgrader copies anything, and archives that would write
    # outside their folder are refused (see nncourse.grading.submission).
    c.Autograde.pre_convert_hook = "nncourse.grading.submission.quarantine_hook"
    c.ZipCollectApp.extractor_plugin = "nncourse.grading.submission.SafeExtractor"
    # -- the first hour: nbgrader runnable however it is started ---------------
    # nbgrader runs `alembic` from PATH when it opens a gradebook; put this
    # interpreter's own bin/ first, so `.venv/bin/nbgrader` works without an
    # activated venv (and never removes a release before failing on it).
    interpreter_bin_on_path()
    # The exchange (release/fetch/submit between accounts) lives in the
    # workspace: a single-user course never uses it, but JupyterLab's
    # Assignments tab lists it and must find it.
    exchange = os.path.join(workspace, "exchange")
    os.makedirs(exchange, exist_ok=True)
    c.Exchange.root = exchange
    c.CourseDirectory.course_id = "nncourse"
    c.FileNameCollectorPlugin.named_regexp = ZIP_COLLECT_REGEXP
    # `nbgrader export` writes into the workspace (git-ignored), never over
    # `nncourse report --csv`'s file.
    c.CsvExportPlugin.to = os.path.join(workspace, "nbgrader-grades.csv")
    # -- end of the first hour's settings --------------------------------------

    c.ExchangeFactory.collect = "nncourse.grading.submission.SafeExchangeCollect"
    # Sanitize: nbgrader metadata of the submission is only kept where the
    # gradebook vouches for it (see nncourse.grading.sanitize).
    c.Autograde.sanitize_preprocessors = [
        "nncourse.grading.submission.CheckSubmissionFolder",
        "nncourse.grading.preprocessor.StartPreloadedWorker",
        "nbgrader.preprocessors.ClearOutput",
        "nbgrader.preprocessors.DeduplicateIds",
        "nncourse.grading.sanitize.TrustGradebookCells",
        "nbgrader.preprocessors.OverwriteKernelspec",
        "nncourse.grading.sanitize.OverwriteCells",
        "nncourse.grading.sanitize.CheckCellMetadata",
    ]
    # Autograde: never execute the submission in a kernel of nbgrader's; the
    # grading preprocessor runs the hidden suites against a sandboxed worker.
    c.Autograde.autograde_preprocessors = [
        GRADER,
        "nbgrader.preprocessors.LimitOutput",
        "nbgrader.preprocessors.SaveAutoGrades",
        "nbgrader.preprocessors.AssignLatePenalties",
        "nncourse.grading.sanitize.CheckCellMetadata",
    ]
    # A grade cell the student deleted is put back, so it is scored, not lost.
    c.OverwriteCells.add_missing_cells = True
    c.GradeWithHiddenSuites.autograder_dir = autograder or os.path.join(repo, "autograder")

    # Feedback never shows the hidden blocks of grade cells.
    c.GenerateFeedback.preprocessors = [
        "nbgrader.preprocessors.GetGrades",
        "nbgrader.preprocessors.ClearHiddenTests",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
    # Feedback HTML: sanitised, no script, maths as MathML, exercise names
    # (nncourse.grading.feedback).  Its own section wins over the HTMLExporter
    # settings nbgrader's GenerateFeedback makes for its default template.
    # (named, not imported: nbconvert is imported only by the processes that make feedback)
    from .feedback_paths import feedback_template_dirs, feedback_template_paths

    c.GenerateFeedback.exporter_class = "nncourse.grading.feedback.FeedbackExporter"
    c.FeedbackExporter.template_name = "nncourse_feedback"
    c.FeedbackExporter.extra_template_basedirs = feedback_template_dirs()
    c.FeedbackExporter.extra_template_paths = feedback_template_paths()


def interpreter_bin_on_path() -> None:
    """Put this interpreter's ``bin/`` first on ``PATH`` (nbgrader runs ``alembic`` from there)."""
    folder = os.path.dirname(sys.executable)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if not parts or parts[0] != folder:
        os.environ["PATH"] = os.pathsep.join([folder] + [p for p in parts if p and p != folder])


def write_config(folder: str, repo: str, workspace: str, release: str | None = None) -> str:
    """Write an ``nbgrader_config.py`` in ``folder`` for a course run elsewhere."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "nbgrader_config.py")
    with open(path, "w") as fh:
        fh.write("from nncourse.grading.config import configure\n"
                 f"configure(get_config(), repo={os.path.abspath(repo)!r}, "
                 f"workspace={os.path.abspath(workspace)!r}, release={release!r})\n")
    return path


def course_secret(workspace: str | None) -> str:
    """The course secret that seeds hidden inputs.

    ``$NNCOURSE_SECRET`` if set; otherwise ``<workspace>/.nncourse_secret``,
    created once with random content, so regrading in the same workspace
    draws the same inputs and students cannot predict them.
    """
    env = os.environ.get("NNCOURSE_SECRET")
    if env:
        return env
    if workspace is None:
        return "nncourse-default-secret"
    path = os.path.join(workspace, ".nncourse_secret")
    if not os.path.exists(path):
        os.makedirs(workspace, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    with open(path) as fh:
        return fh.read().strip()
