"""Feedback HTML: nothing a submission wrote runs, maths renders offline, grade cells read well.

The feedback is made by the real ``nbgrader autograde`` + ``generate_feedback``
with the course configuration, for a submission whose added markdown cells
carry scripts, event handlers, ``javascript:`` links and block-level HTML, and
is then opened in Chromium (Playwright, Debian's ``/usr/bin/chromium``).
"""

import copy
import glob
import os
import shutil

import nbformat
import pytest

from nncourse.grading.course import autograde
from nncourse.grading.feedback import dedupe_failures, exercise_title, markdown_with_math, sanitize

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

ATTACKS = [
    "<script>window.__ran = (window.__ran || 0) + 1; document.title = 'pwned'</script>",
    "<script src=data:text/javascript,window.__ran=2></script>",
    '<img src=x onerror="window.__ran = 3">',
    "<div onclick=\"window.__ran = 4\" style=\"position:fixed;top:0;left:0;width:100%;height:100%\">\n"
    "<p>Block-level HTML the student wrote</p>\n"
    "<iframe src=\"javascript:parent.__ran = 5\"></iframe>\n<object data=\"javascript:parent.__ran=6\"></object>\n"
    "</div>",
    '<a id="jslink" href="javascript:window.__ran = 7">click me</a>',
    '<svg onload="window.__ran = 8"><circle r="4"/></svg>',
    "<style>body { display: none }</style>",
    "<form action=\"https://example.invalid/\"><input name=q autofocus onfocus=\"window.__ran = 9\"></form>",
    "<details open ontoggle=\"window.__ran = 10\"><summary>s</summary></details>",
    "Maths with a trap: $\\text{<script>window.__ran = 11</script>}$",
]
MATHS = ("### Exercise 1 · `relu` (2 points)\n\n"
         "The cost $$\\mathcal{E} = \\frac{1}{N}\\sum_n \\sigma(z_n)$$ and $\\boldsymbol\\theta$.")


@pytest.fixture(scope="module")
def feedback_html(tmp_path_factory):
    import build as mini_build

    repo, course = mini_build.released(str(tmp_path_factory.mktemp("feedback")))
    ws = course.workspace
    release = nbformat.read(os.path.join(repo, "lessons", "mini", "mini.ipynb"), as_version=4)
    nb = copy.deepcopy(release)
    cells = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid == "relu":
            cell.source = "def relu(z):\n    return np.maximum(z, 0.0)\n"
            cells += [nbformat.v4.new_markdown_cell(a) for a in ATTACKS]
            cells.append(nbformat.v4.new_markdown_cell(MATHS))
        if gid == "affine":   # every test of the suite fails the same way
            cell.source = "class Affine:\n    def __init__(self, W, b):\n        raise ValueError('no')\n"
        cells.append(cell)
    nb.cells = cells
    dest = os.path.join(ws, "submitted", "mallory", "mini")
    os.makedirs(dest)
    nbformat.write(nb, os.path.join(dest, "mini.ipynb"))
    rows = autograde(course, "mini", log=lambda *a: None)
    assert [r.status for r in rows] == ["graded"]
    course.nbgrader("generate_feedback", "mini", "--force")
    (path,) = glob.glob(os.path.join(ws, "feedback", "mallory", "mini", "*.html"))
    return path


@pytest.mark.slow
def test_feedback_source_has_no_active_content(feedback_html):
    text = open(feedback_html, encoding="utf-8").read()
    low = text.lower()
    assert low.count("<script") == 0
    low = low[low.index("<body"):]      # the head holds only our CSS (bootstrap's mentions javascript:)
    for bad in ("<script", "onerror", "onclick", "onload", "onfocus", "ontoggle", "javascript:", "<iframe",
                "<object", "<form", "mathjax", "cdn."):
        assert bad not in low, bad
    assert "Content-Security-Policy" in text
    assert "Block-level HTML the student wrote" in text      # the words stay, the behaviour goes


@pytest.mark.slow
def test_feedback_in_chromium_runs_nothing_and_renders_maths(feedback_html, tmp_path):
    """Open the page as a TA would; nothing of the student's runs; maths is MathML; no network."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    requests, dialogs = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto("file://" + feedback_html)
            page.wait_for_load_state("load")
            page.mouse.click(300, 300)
            if page.locator("#jslink").count():
                page.locator("#jslink").click()
            page.wait_for_timeout(500)
            state = page.evaluate("""() => ({
                ran: window.__ran === undefined ? null : window.__ran,
                title: document.title,
                scripts: document.querySelectorAll('script').length,
                handlers: [...document.querySelectorAll('*')].flatMap(
                    e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
                frames: document.querySelectorAll('iframe, object, embed, form').length,
                visible: getComputedStyle(document.body).display,
                maths: [...document.querySelectorAll('math')].map(m => m.getBoundingClientRect().width),
                text: document.body.innerText,
                toc: [...document.querySelectorAll('#toc a.exercise')].map(a => a.textContent),
                wrap: getComputedStyle(document.querySelector('div.output_subarea pre')).whiteSpace,
            })""")
            os.makedirs("build/screenshots", exist_ok=True)
            page.screenshot(path="build/screenshots/feedback.png", full_page=True)
        finally:
            browser.close()
    assert state["ran"] is None and state["title"] != "pwned" and not dialogs
    assert state["scripts"] == 0 and state["handlers"] == [] and state["frames"] == 0
    assert state["visible"] != "none"
    # the trap's \\text{<script>} is emptied; the two formulas of MATHS are drawn
    assert len(state["maths"]) == 3 and sum(w > 0 for w in state["maths"]) == 2
    assert "\\frac" not in state["text"] and "$$" not in state["text"]
    assert all(u.startswith("file://") for u in requests), requests          # offline: nothing fetched
    assert state["toc"] == ["Exercise 1 · relu", "grade_affine"] and "Test cell" not in state["text"]
    assert "Out[" not in state["text"] and "In [" not in state["text"]
    assert state["wrap"] == "pre-wrap"
    # the affine suite fails every test with one cause: it is printed once
    assert state["text"].count("raised ValueError: no") == 1, state["text"]


def test_sanitize_keeps_formatting_and_mathml_drops_behaviour():
    out = sanitize('<p onclick="x()"><b>bold</b> <a href="javascript:x()">a</a> <a href="https://x.org">b</a>'
                   '<math display="block"><mi mathvariant="bold">x</mi></math><script>x()</script></p>')
    assert "<b>bold</b>" in out and "onclick" not in out and "javascript" not in out and "<script" not in out
    assert 'href="https://x.org"' in out and '<mi mathvariant="bold">x</mi>' in out


def test_markdown_maths_and_code_spans():
    html = markdown_with_math("Cost $a_1 + b$, code `price $5 and $6`, $$\\frac{1}{2}$$",
                              lambda text: f"<p>{text}</p>")
    assert html.count("<math") == 2 and "price $5 and $6" in html
    assert 'display="block"' in html


def test_exercise_title_and_dedupe():
    assert exercise_title("intro\n### Exercise 2 · `Linear` (2 points)\ntext") == "Exercise 2 · Linear"
    assert exercise_title("## 3 · Pictures") is None
    text = ("Autograded: 0 / 1\n[FAIL] first (0.5 pt)\n       raised E: same\n[FAIL] second (0.5 pt)\n"
            "       raised E: same\n[FAIL] third (0.5 pt)\n       raised E: other\n")
    out = dedupe_failures(text)
    assert out.count("raised E: same") == 1 and "the same failure as \"first\" above" in out
    assert "raised E: other" in out and out.count("[FAIL]") == 3
