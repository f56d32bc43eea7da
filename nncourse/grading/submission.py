"""Submission folders are the student's: nothing in them is followed or trusted.

nbgrader copies every extra file of ``submitted/<student>/<lesson>/`` into
``autograded/`` (and from there into ``feedback/``) with ``shutil.copy``,
which follows symbolic links, in the grader's own process.  A link to
``../../../gradebook.db`` would hand the student the gradebook.  This module
closes that door at three of nbgrader's own extension points, all configured
by :func:`nncourse.grading.config.configure`:

* :func:`quarantine_hook` is ``Autograde.pre_convert_hook``: before nbgrader
  copies anything, every symbolic link, hard link, FIFO, socket or device in
  the submission folder is *moved* (never followed, never opened) to
  ``<workspace>/.nncourse/ignored/<lesson>/<student>/`` and recorded in
  ``<workspace>/.nncourse/ignored/<lesson>/<student>.json``;
* :class:`CheckSubmissionFolder`, the first sanitize preprocessor, fails the
  submission (closed) if anything hostile is still in the submission folder
  or in ``autograded/`` (the hook did not run, or failed), and tells the
  student in their notebook which files were ignored;
* :class:`SafeExtractor` is ``ZipCollectApp.extractor_plugin``: archives with
  absolute or ``..`` member names, or with links or special files, are
  refused with a message naming the archive and the member;
* :class:`SafeExchangeCollect` is ``ExchangeFactory.collect`` (``nbgrader
  collect``): links in the exchange are copied as links, never followed (the
  autograde hook then quarantines and reports them), special files are skipped.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import stat
import tarfile
import zipfile

from nbformat.v4 import new_markdown_cell
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.plugins import ExtractorPlugin
from nbgrader.preprocessors import NbGraderPreprocessor

STATE = ".nncourse"


class SubmissionRefused(RuntimeError):
    """A submission folder or archive holds what grading must not touch."""


def _kind(mode: int, nlink: int) -> str | None:
    """Why an entry of this ``lstat`` mode is not copied, or None if it is a plain file/folder."""
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    if stat.S_ISREG(mode) and nlink > 1:
        return "hard link"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "special file"


def hostile_entries(folder: str) -> list[tuple[str, str]]:
    """(path relative to ``folder``, kind) of every entry nbgrader must not copy.

    Walks with ``lstat`` only: no link is followed, no file is opened.
    """
    found = []
    stack = [""]
    while stack:
        rel = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, rel) if rel else folder))
        except OSError:
            continue
        for entry in entries:
            sub = os.path.join(rel, entry.name) if rel else entry.name
            st = entry.stat(follow_symlinks=False)
            kind = _kind(st.st_mode, st.st_nlink)
            if kind:
                found.append((sub, kind))
            elif stat.S_ISDIR(st.st_mode):
                stack.append(sub)
    return sorted(found)


def _layout(folder: str) -> tuple[str, str, str]:
    """(workspace, student, lesson) of ``<workspace>/submitted/<student>/<lesson>``."""
    folder = os.path.abspath(folder)
    lesson_dir, lesson = os.path.split(folder)
    student_dir, student = os.path.split(lesson_dir)
    workspace = os.path.dirname(student_dir)
    return workspace, student, lesson


def ignored_record(workspace: str, lesson: str, student: str) -> str:
    return os.path.join(workspace, STATE, "ignored", lesson, f"{student}.json")


def read_ignored(workspace: str, lesson: str, student: str) -> list[dict]:
    """What :func:`quarantine` recorded for this student (empty when nothing)."""
    try:
        with open(ignored_record(workspace, lesson, student)) as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return []
    return [d for d in data if isinstance(d, dict) and {"path", "kind"} <= set(d)]


def quarantine(folder: str) -> list[dict]:
    """Move every hostile entry out of the submission ``folder``; return the full record.

    Entries move (``os.rename``, never followed) to
    ``<workspace>/.nncourse/ignored/<lesson>/<student>/``; the record keeps
    what earlier runs moved, so a regrade still reports them.
    """
    folder = os.path.abspath(folder)
    if os.path.islink(folder):
        raise SubmissionRefused(f"{folder} is a symbolic link; a submission folder must be a real folder")
    workspace, student, lesson = _layout(folder)
    record = read_ignored(workspace, lesson, student)
    known = {d["path"] for d in record}
    jail = os.path.join(workspace, STATE, "ignored", lesson, student)
    for rel, kind in hostile_entries(folder):
        src = os.path.join(folder, rel)
        dest = os.path.join(jail, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        if os.path.lexists(dest):
            os.unlink(dest) if not os.path.isdir(dest) or os.path.islink(dest) else shutil.rmtree(dest)
        try:
            os.rename(src, dest)
        except OSError:
            os.unlink(src)
        if rel not in known:
            record.append({"path": rel, "kind": kind})
            known.add(rel)
    os.makedirs(os.path.dirname(ignored_record(workspace, lesson, student)), exist_ok=True)
    with open(ignored_record(workspace, lesson, student), "w") as fh:
        json.dump(record, fh, indent=1)
    return record


def quarantine_hook(assignment: str, student: str, notebooks: list[str]) -> None:
    """``Autograde.pre_convert_hook``: quarantine the folder of ``notebooks``."""
    folders = {os.path.dirname(os.path.abspath(nb)) for nb in notebooks}
    for folder in folders:
        quarantine(folder)


def feedback_note(record: list[dict]) -> str:
    """Markdown telling the student which files were ignored (names escaped)."""
    items = "\n".join(f"- {html.escape(d['path'])} ({html.escape(d['kind'])})" for d in record)
    return ("**Files in your submission that were ignored.** Grading never follows links or copies "
            "special files; only your regular files and folders were used. These were left out and "
            "cost you nothing:\n\n" + items)


class CheckSubmissionFolder(NbGraderPreprocessor):
    """First sanitize step: fail closed on a submission folder the hook did not clean."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        db = info["db_url"]
        if not db.startswith("sqlite:///"):
            raise SubmissionRefused("nncourse grading needs a sqlite gradebook inside the workspace")
        workspace = os.path.dirname(os.path.abspath(db[len("sqlite:///"):]))
        student, lesson = info["student"], info["assignment"]
        submitted = os.path.join(workspace, "submitted", student, lesson)
        autograded = os.path.join(workspace, "autograded", student, lesson)
        if os.path.islink(submitted):
            raise SubmissionRefused(f"{submitted} is a symbolic link; a submission folder must be a real "
                                    "folder. Nothing was graded.")
        left = hostile_entries(submitted) + hostile_entries(autograded)
        if left:
            for rel, _ in hostile_entries(autograded):
                os.unlink(os.path.join(autograded, rel))
            raise SubmissionRefused(
                f"{student}/{lesson}: links or special files were still in the submission when nbgrader "
                f"copied it ({', '.join(r for r, _ in left[:5])}); is "
                "`c.Autograde.pre_convert_hook` set by nncourse.grading.config.configure()? "
                "Nothing was graded.")
        record = read_ignored(workspace, lesson, student)
        if record:
            nb.cells.insert(0, new_markdown_cell(feedback_note(record)))
            self.log.warning("%s: ignored %d link(s) or special file(s) in the submission folder",
                             student, len(record))
        return nb, resources


# -- zip_collect ------------------------------------------------------------

def archive_problem(path: str) -> str | None:
    """Why the archive at ``path`` must not be extracted, or None."""
    def bad_name(name: str) -> bool:
        parts = name.replace("\\", "/").split("/")
        return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")

    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist():
                    if bad_name(info.filename):
                        return f"member {info.filename!r} would be written outside the extraction folder"
                    if stat.S_ISLNK(info.external_attr >> 16):
                        return f"member {info.filename!r} is a symbolic link"
            return None
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as tf:
                for member in tf.getmembers():
                    if bad_name(member.name):
                        return f"member {member.name!r} would be written outside the extraction folder"
                    if not (member.isfile() or member.isdir()):
                        return f"member {member.name!r} is a link or special file"
            return None
    except (OSError, zipfile.BadZipFile, tarfile.TarError) as exc:
        return f"it cannot be read ({exc})"
    return "it is not a zip or tar archive"


class SafeExtractor(ExtractorPlugin):
    """``ZipCollectApp.extractor_plugin`` that refuses hostile archives (see module docs)."""

    def extract(self, archive_path: str, extracted_path: str) -> None:
        from nbgrader.utils import unzip

        for root, dirs, files in os.walk(archive_path):
            extract_to = os.path.normpath(os.path.join(extracted_path, os.path.relpath(root, archive_path)))
            os.makedirs(extract_to, exist_ok=True)
            for name in files:
                src = os.path.join(root, name)
                st = os.lstat(src)
                kind = _kind(st.st_mode, 1)
                if kind:
                    self.log.error("zip_collect: %s is a %s: refused, not copied", src, kind)
                    continue
                stem, ext = os.path.splitext(name)
                if ext not in self.zip_ext:
                    shutil.copy(src, os.path.join(extract_to, name))
                    continue
                why = archive_problem(src)
                if why:
                    self.log.error("zip_collect: archive %s refused: %s. Nothing of it was extracted; "
                                   "ask the student to resubmit a plain archive of their lesson folder.",
                                   src, why)
                    continue
                unzip(src, extract_to, zip_ext=self.zip_ext, create_own_folder=True, tree=False)
        # whatever an archive produced: no link or special file goes on to submitted/
        for rel, kind in hostile_entries(extracted_path):
            self.log.error("zip_collect: %s in the extracted files is a %s: removed", rel, kind)
            os.unlink(os.path.join(extracted_path, rel))


# -- nbgrader collect ----------------------------------------------------------

class SafeExchangeCollect(ExchangeCollect):
    """``nbgrader collect`` that never follows a link of the exchange (see module docs)."""

    def do_copy(self, src, dest, log=None):
        from nbgrader.utils import ignore_patterns

        if os.path.islink(src):
            raise SubmissionRefused(f"{src} is a symbolic link, not a submission folder: not collected")
        dir_size = self.get_size(src)
        if dir_size > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError(f"Directory size is too big. Size is {dir_size}, "
                               f"maximum size is {1000 * self.coursedir.max_dir_size}")
        base = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include,
                               max_file_size=self.coursedir.max_file_size, log=self.log)

        def ignore(directory, names):
            links, skipped = [], set()
            for name in names:
                st = os.lstat(os.path.join(directory, name))
                kind = _kind(st.st_mode, 1)
                if kind == "symbolic link":
                    links.append(name)
                elif kind:
                    self.log.warning("collect: %s is a %s: not collected", os.path.join(directory, name), kind)
                    skipped.add(name)
            plain = [n for n in names if n not in skipped and n not in links]
            return skipped | set(base(directory, plain))

        shutil.copytree(src, dest, symlinks=True, ignore=ignore)
