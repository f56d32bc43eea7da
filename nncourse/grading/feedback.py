r"""Feedback HTML that is safe to open and readable offline.

``nbgrader generate_feedback`` turns each autograded notebook into HTML with
nbconvert.  :func:`nncourse.grading.config.configure` makes it use
:class:`FeedbackExporter`, which differs from nbgrader's in four ways:

* **Nothing a submission wrote can run.**  Every markdown cell (students can
  add or edit them) and every rich output is cleaned with an allow-list
  (:func:`sanitize`, built on ``nh3``): no ``<script>``, no event handler, no
  ``javascript:`` link, no ``<iframe>``/``<object>``/``<form>``/``<style>``.
  The page itself loads nothing and carries a Content-Security-Policy that
  forbids every script, so even an unknown trick finds nothing to run.
* **Maths is rendered offline**: ``$…$``, ``$$…$$``, ``\(…\)`` and ``\[…\]``
  become MathML (``latex2mathml``), which browsers draw without any script
  or network; TeX it cannot convert is shown as code.
* **Grade cells read as exercises**: the table of contents names each
  exercise (from the lesson's ``### Exercise …`` heading), the redundant
  score output (``Out[1]: 2.0``) and the ``In [ ]`` prompts are gone, a
  failure repeated by several tests is printed once, and ``Unsupported`` is
  explained (:class:`TidyFeedback`).
* Long lines wrap instead of scrolling sideways.
"""

from __future__ import annotations

import html
import re

import nh3
from jinja2 import pass_context
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import default

from .feedback_paths import feedback_template_dirs, feedback_template_paths

# -- sanitising ------------------------------------------------------------------------------

_MATHML_TAGS = {
    "math", "mi", "mn", "mo", "ms", "mspace", "mtext", "mrow", "mfrac", "msqrt", "mroot", "mstyle",
    "merror", "mpadded", "mphantom", "menclose", "msub", "msup", "msubsup", "munder", "mover",
    "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd", "semantics",
}
_MATHML_ATTRS = {
    "display", "mathvariant", "stretchy", "displaystyle", "scriptlevel", "fence", "separator", "lspace",
    "rspace", "accent", "accentunder", "movablelimits", "columnalign", "rowalign", "columnspacing",
    "rowspacing", "columnlines", "rowlines", "frame", "width", "height", "depth", "linethickness",
    "minsize", "maxsize", "symmetric", "largeop", "form", "notation", "open", "close", "separators",
}
_TAGS = set(nh3.ALLOWED_TAGS) | {"div", "span", "pre", "code", "img", "table", "thead", "tbody", "tr", "th",
                                 "td", "hr", "br", "sub", "sup"} | _MATHML_TAGS
_ATTRIBUTES = {
    "*": {"class", "id", "title", "align"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    **{tag: set(_MATHML_ATTRS) for tag in _MATHML_TAGS},
}
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        # images only from the page itself: inline raster data, or a file next to it
        if _DATA_IMAGE.match(value):
            return value
        if ":" in value.split("/")[0] or value.startswith("//"):
            return None
    return value


def sanitize(fragment: str) -> str:
    """``fragment`` with only inert HTML and MathML left (an allow-list; links http(s)/mailto/#)."""
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto", "data"},
                     attribute_filter=_attribute_filter, link_rel="noopener noreferrer nofollow",
                     strip_comments=True)


# -- maths -----------------------------------------------------------------------------------

# Code spans and fences first, so a `$` inside code is never maths.
_MATH = re.compile(
    r"(?P<code>```.*?```|`[^`\n]*`)"
    r"|\$\$(?P<d1>.+?)\$\$"
    r"|\\\[(?P<d2>.+?)\\\]"
    r"|\\\((?P<i2>.+?)\\\)"
    r"|(?<![\\$])\$(?P<i1>[^\s$](?:[^$\n]|\n(?!\s*\n))*?)(?<![\s\\])\$(?!\d)",
    re.S,
)


def render_math(tex: str, display: bool) -> str:
    """MathML for ``tex`` (sanitised); TeX that cannot be converted comes back as code."""
    from latex2mathml.converter import convert

    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception:  # latex2mathml raises many kinds of error on TeX it does not know
        return f'<code class="tex">{html.escape(tex)}</code>'
    return sanitize(mathml)


def markdown_with_math(source: str, to_html) -> str:
    """Render markdown ``source`` with ``to_html`` and its maths as MathML; the result is sanitised."""
    maths: list[str] = []

    def protect(m: re.Match) -> str:
        if m.group("code"):
            return m.group("code")
        display = m.group("d1") is not None or m.group("d2") is not None
        tex = next(g for g in (m.group("d1"), m.group("d2"), m.group("i1"), m.group("i2")) if g is not None)
        maths.append(render_math(tex, display))
        return f"NNCOURSEMATH{len(maths) - 1}X"

    text = _MATH.sub(protect, source)
    out = sanitize(to_html(text))
    for i, mathml in enumerate(maths):
        out = out.replace(f"NNCOURSEMATH{i}X", mathml)
    return out


# -- grade cells -----------------------------------------------------------------------------

UNSUPPORTED_NOTE = ("Note: \"Unsupported\" means your code gave back a value grading cannot read — "
                    "not a number, NumPy array, list, tuple, dict or string (for example an object of "
                    "your own class, a function or a generator).")
_SAFE_MIME = ("text/plain", "image/png", "image/jpeg", "text/html", "text/markdown", "text/latex")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*\S)\s*$", re.M)


def exercise_title(markdown: str) -> str | None:
    """The last ``Exercise …`` heading of a markdown cell, as plain text without its points."""
    titles = [t for t in _HEADING.findall(markdown) if "exercise" in t.lower()]
    if not titles:
        return None
    title = re.sub(r"\s*\(\s*\d+(\.\d+)?\s*points?\s*\)\s*$", "", titles[-1])
    return re.sub(r"`|\*\*", "", title).strip() or None


def dedupe_failures(text: str) -> str:
    """Print each distinct failure message once: a later test failing the same way says so."""
    lines = text.splitlines(keepends=True)
    out, seen, i = [], {}, 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if not line.startswith("[FAIL]"):
            continue
        j = i
        while j < len(lines) and lines[j].startswith(" "):
            j += 1
        block = "".join(lines[i:j])
        title = line[len("[FAIL]"):].strip()
        if block.strip() and block in seen:
            indent = re.match(r"\s*", lines[i]).group(0)
            out.append(f"{indent}(the same failure as \"{seen[block]}\" above)\n")
        else:
            seen.setdefault(block, re.sub(r"\s*\([\d.]+ pt\)$", "", title))
            out.extend(lines[i:j])
        i = j
    return "".join(out)


class TidyFeedback(Preprocessor):
    """Readable grade cells and inert outputs in the feedback notebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        title = None
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                title = exercise_title(cell.source) or title
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and meta.get("grade"):
                cell.metadata["nncourse"] = {"title": title or meta.get("grade_id", "exercise")}
                title = None                  # one heading names one exercise
            if cell.cell_type == "code":
                cell.outputs = [self._tidy(o, grade=bool(meta.get("grade"))) for o in cell.outputs]
                cell.outputs = [o for o in cell.outputs if o is not None]
        return nb, resources

    def _tidy(self, output, grade: bool):
        kind = output.get("output_type")
        if kind == "execute_result" and grade:
            return None                       # the cell's score, already in its heading
        if kind == "stream":
            text = dedupe_failures(output.get("text", ""))
            if "Unsupported" in text:
                text = text.rstrip("\n") + "\n" + UNSUPPORTED_NOTE + "\n"
            output["text"] = text
        if kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            for mime in list(data):
                if mime not in _SAFE_MIME:
                    del data[mime]            # scripts, widgets, SVG: nothing active in feedback
                elif mime in ("text/html", "text/markdown"):
                    data["text/html"] = sanitize(data.pop(mime) if mime == "text/html"
                                                 else html.escape(data.pop(mime)))
            if not data:
                return None
        return output


class FeedbackExporter(HTMLExporter):
    """nbgrader's feedback page, sanitised, with offline maths (see the module docstring)."""

    @default("template_name")
    def _template_name_default(self):
        return "nncourse_feedback"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return feedback_template_dirs()

    @default("extra_template_paths")
    def _extra_template_paths_default(self):
        return feedback_template_paths()

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self):
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self):
        return True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register_preprocessor(TidyFeedback(parent=self), enabled=True)

    @pass_context
    def markdown2html(self, context, source):
        """Markdown as sanitised HTML with MathML maths."""
        return markdown_with_math(source, lambda text: HTMLExporter.markdown2html(self, context, text))

    def from_notebook_node(self, nb, resources=None, **kw):
        output, resources = super().from_notebook_node(nb, resources, **kw)
        if "<script" in output.lower():
            # every script of the page would be the submission's: the template has none
            output = re.sub(r"<script\b.*?</script\s*>", "", output, flags=re.S | re.I)
        return output, resources
