"""A student's and an instructor's first hour, in a real browser.

``make lab`` (the README's command) is started on a copy of the course, as the
environment of ``make test`` has it (``MPLBACKEND=Agg`` set), and Chromium
(Playwright, driving Debian's ``/usr/bin/chromium``) then does what a student
does in lesson 04: run all cells, look at the figures, solve Exercise 1 by
typing, run its self-check, move a slider, press Validate; and what an
instructor does: open the formgrader and read the assignment list.

Screenshots and wall times go to ``build/screenshots/``.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

pytestmark = pytest.mark.slow

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOTS = os.path.join(ROOT, "build", "screenshots")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LESSON = "04-backprop"
TOKEN = "nncourse-browser-test"
SOLUTION = (
    "def univariate_grads(w, b, x, t, lam):\n"
    "    z = w * x + b\n"
    "    y = sigmoid(z)\n"
    "    z_bar = (y - t) * y * (1.0 - y)\n"
    "    return float(np.mean(z_bar * x) + lam * w), float(np.mean(z_bar))\n"
)
TIMES: dict = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _course_copy(dest: str) -> str:
    """The repository as a fresh clone has it (no work/, workspace/, build/), sharing this checkout's .venv.

    The copy leaves out the ``nncourse/`` package: the shared virtualenv's editable install
    provides it, and a second copy in the course folder would shadow it in nbgrader's process.
    """
    ignore = shutil.ignore_patterns(".git", ".venv", "work", "workspace", "build", "__pycache__",
                                    ".ipynb_checkpoints", ".pytest_cache", "*.egg-info", "nncourse")
    shutil.copytree(ROOT, dest, ignore=ignore)
    os.symlink(os.path.join(ROOT, ".venv"), os.path.join(dest, ".venv"))
    return dest


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` on a course copy; yields (url, course folder)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    pytest.importorskip("playwright.sync_api")
    tmp = tmp_path_factory.mktemp("lab")
    course = _course_copy(str(tmp / "course"))
    settings = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    port = _free_port()
    env = dict(os.environ, MPLBACKEND="Agg",          # as `make test` exports it: it must not reach the kernels
               JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    env.pop("NNCOURSE_WORKSPACE", None)
    log = open(tmp / "lab.log", "w")
    t0 = time.monotonic()
    # `make lab` as the README says; `-o .venv/.installed`: the copy shares this checkout's
    # virtualenv, which must never be reinstalled from the copy
    proc = subprocess.Popen(["make", "-s", "-o", ".venv/.installed", "lab",
                             f"LAB_ARGS=--no-browser --port={port} --ServerApp.ip=127.0.0.1 "
                             f"--IdentityProvider.token={TOKEN}"], cwd=course, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("`make lab` exited: " + open(tmp / "lab.log").read()[-3000:])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("`make lab` did not serve within 180 s: " + open(tmp / "lab.log").read()[-3000:])
        TIMES["lab_server_start_s"] = round(time.monotonic() - t0, 1)
        yield url, course
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)     # the server and the kernels it started
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        os.makedirs(SHOTS, exist_ok=True)
        with open(os.path.join(SHOTS, "timings.json"), "w") as fh:
            json.dump(TIMES, fh, indent=1)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, name + ".png"))


def _wait_idle(page, timeout=600):
    """Until no cell is queued or running ([*]) and the kernel is idle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = page.evaluate("""() => [...document.querySelectorAll('.jp-InputPrompt')]
                                 .some(p => p.textContent.includes('*'))""")
        idle = page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count() > 0
        if not busy and idle:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the notebook was still running after %d s" % timeout)


def _cell(page, text):
    """The code cell whose source contains ``text``."""
    return page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=text)).first


def _menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def test_student_and_instructor_first_hour(lab, browser):
    url, course = lab
    release = os.path.join(course, "lessons", LESSON, LESSON + ".ipynb")
    release_before = open(release, "rb").read()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    t0 = time.monotonic()
    page.goto(f"{url}/?token={TOKEN}")           # where `make lab` sends the browser
    page.wait_for_selector(".jp-DirListing-item", timeout=120_000)
    page.wait_for_function("() => document.querySelector('.jp-BreadCrumbs').innerText.includes('work')")
    TIMES["lab_page_load_s"] = round(time.monotonic() - t0, 1)
    listing = page.locator(".jp-DirListing-itemText").all_inner_texts()
    assert LESSON in listing, f"`make lab` should open the student copy work/ with the lessons, shows {listing}"
    assert os.path.isdir(os.path.join(course, "work", LESSON))
    _shot(page, "01-lab-work-folder")

    # -- open the lesson (the student's copy) and run all cells ---------------------------------
    _open_notebook(page, url, f"work/{LESSON}/{LESSON}.ipynb", reset=False, timeout=120_000)
    t0 = time.monotonic()
    _menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(1000)
    _wait_idle(page)
    TIMES["run_all_until_first_exercise_s"] = round(time.monotonic() - t0, 1)
    images = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
                               .map(i => [i.naturalWidth, i.naturalHeight])""")
    _shot(page, "02-run-all")
    assert images and all(w > 100 and h > 100 for w, h in images), \
        f"run all should show its figures as images, found {images}"

    # -- solve Exercise 1 by typing, run it and its self-check ----------------------------------
    code = _cell(page, "def univariate_grads")
    code.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(SOLUTION)
    page.keyboard.press("Shift+Enter")         # runs the exercise, selects the self-check
    page.keyboard.press("Shift+Enter")         # runs the self-check
    _wait_idle(page)
    check = _cell(page, "check.univariate_grads(univariate_grads)")
    check_text = check.locator(".jp-OutputArea").inner_text()
    check.scroll_into_view_if_needed()
    _shot(page, "03-self-check")
    ticks = [ln for ln in check_text.splitlines() if ln.startswith("\u2713")]
    assert len(ticks) >= 3 and "All first checks passed" in check_text, check_text

    # -- the picture with sliders: one figure, labelled sliders, redraws in place ---------------
    t0 = time.monotonic()
    _menu(page, "Run", "Run Selected Cell and All Below")
    page.wait_for_timeout(1000)
    _wait_idle(page)
    TIMES["run_below_exercise_1_s"] = round(time.monotonic() - t0, 1)
    picture = _cell(page, "explore(show_gradient")
    picture.scroll_into_view_if_needed()
    labels = [t.strip() for t in picture.locator(".widget-label").all_text_contents()]
    assert {"weight w", "bias b"} <= set(labels) and any(lbl.startswith("λ") for lbl in labels), labels
    figures = picture.locator(".jp-OutputArea-output img")
    page.wait_for_function("n => n.querySelectorAll('.jp-OutputArea-output img').length === 1",
                           arg=picture.element_handle(), timeout=60_000)
    before = figures.first.get_attribute("src")
    _shot(page, "04-sliders")
    handle = picture.locator(".noUi-handle").first
    handle.focus()
    t0 = time.monotonic()
    for _ in range(4):
        page.keyboard.press("ArrowRight")      # w from 2.0 to 3.0 in steps of 0.25
    page.wait_for_function(
        "([n, old]) => { const i = n.querySelectorAll('.jp-OutputArea-output img');"
        " return i.length === 1 && i[0].src !== old; }",
        arg=[picture.element_handle(), before], timeout=60_000)
    TIMES["slider_redraw_s"] = round(time.monotonic() - t0, 2)
    assert figures.count() == 1, "one figure per picture, redrawn in place"
    assert "w = 3" in picture.locator(".widget-readout").first.inner_text() or \
        picture.locator(".widget-readout").first.inner_text().strip() == "3.00"
    _shot(page, "05-slider-moved")

    # -- Validate -------------------------------------------------------------------------------
    t0 = time.monotonic()
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=600_000)
    page.wait_for_function("() => !document.querySelector('.jp-Dialog').innerText.includes('Validating')",
                           timeout=600_000)
    TIMES["validate_s"] = round(time.monotonic() - t0, 1)
    report = dialog.inner_text()
    _shot(page, "06-validate")
    # Exercise 1 is solved; the others are not, and Validate says so without a server error
    assert "Validation Results" in report and "failed" in report and "NotImplementedError" in report, report
    assert "check.linear_layer(Linear)" in report and "check.univariate_grads" not in report, report
    page.keyboard.press("Escape")
    assert open(release, "rb").read() == release_before, "the student's work must never change lessons/"

    # -- the Assignments tab works (the exchange lives in the workspace) -------------------------
    _menu(page, "Nbgrader", "Assignment List")
    panel = page.locator(".lm-Widget", has_text="Released assignments").last
    panel.wait_for(timeout=60_000)
    page.wait_for_timeout(3000)
    tab = page.locator("body").inner_text()
    _shot(page, "07-assignments-tab")
    assert "does not exist" not in tab and "Error" not in tab, tab[-2000:]

    # -- the instructor's formgrader --------------------------------------------------------------
    t0 = time.monotonic()
    page.goto(f"{url}/formgrader?token={TOKEN}")
    page.wait_for_selector("#main-table tbody tr, table tbody tr", timeout=120_000)
    page.wait_for_function("() => document.body.innerText.includes('04-backprop')", timeout=60_000)
    TIMES["formgrader_s"] = round(time.monotonic() - t0, 1)
    text = page.locator("body").inner_text()
    _shot(page, "08-formgrader")
    lessons = sorted(d for d in os.listdir(os.path.join(course, "lessons"))
                     if os.path.isdir(os.path.join(course, "lessons", d)))
    assert "Manage Assignments" in text and all(lesson in text for lesson in lessons), text[:2000]
    assert "error" not in text.lower().replace("error-free", ""), text[:2000]


def _open_notebook(page, url, path, reset=True, timeout=180_000):
    """Open ``path`` (relative to the served root), kernel idle; with ``reset`` alone in a fresh JupyterLab
    workspace, else as a student's click would (``timeout`` in ms for each wait)."""
    page.goto(f"{url}/lab/tree/{path}?{'reset&' if reset else ''}token={TOKEN}")
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=timeout)
    page.wait_for_timeout(2000)
    if page.locator(".jp-Dialog", has_text="Select Kernel").count():
        # JupyterLab asks when the notebook opened before the server listed its kernels (a slow
        # machine); the notebook's own kernel, Python 3, is preselected, as a student would see
        page.locator(".jp-Dialog button", has_text="Select").click()
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=timeout)


def _run_all(page, timeout=1800) -> tuple[float, str | None]:
    """Run All Cells; (seconds until the notebook is idle, the first error's name or None)."""
    t0 = time.monotonic()
    _menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(1000)
    _wait_idle(page, timeout=timeout)
    seconds = round(time.monotonic() - t0, 1)
    # textContent, not the rendered text: cells scrolled out of view are still in the page
    first = page.evaluate("""() => {
        for (const out of document.querySelectorAll('.jp-OutputArea-output')) {
            const m = (out.textContent || '').match(/^\\s*([A-Z]\\w*(Error|Exception)\\b.*)$/m);
            if (m) return m[1].slice(0, 200);
        }
        return null; }""")
    return seconds, first


def _shutdown_kernels(page, url):
    kernels = page.request.get(f"{url}/api/kernels?token={TOKEN}").json()
    for kernel in kernels:
        page.request.delete(f"{url}/api/kernels/{kernel['id']}?token={TOKEN}")


@pytest.mark.full
def test_every_lesson_top_to_bottom_in_the_browser(lab, browser):
    """Wall times a student meets, written to build/first-hour-times.json (no timed assertion).

    For each lesson: Run All on the student's copy of the release (it stops at the first
    unfinished exercise, as a student's first run does) and on the solution notebook put
    next to it (every cell, every picture); then one slider move in 04's gradient picture
    and Validate on 04's solution.  The machine's load average is recorded with the times.
    """
    url, course = lab
    lessons = sorted(d for d in os.listdir(os.path.join(course, "lessons"))
                     if os.path.isdir(os.path.join(course, "lessons", d)) and not d.startswith("."))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    t0 = time.monotonic()
    page.goto(f"{url}/?token={TOKEN}")
    page.wait_for_selector(".jp-DirListing-item", timeout=120_000)
    report = {"load_average_before": [round(v, 1) for v in os.getloadavg()], "cores": os.cpu_count(),
              "lab_server_start_s": TIMES.get("lab_server_start_s"),
              "lab_page_load_s": round(time.monotonic() - t0, 1), "lessons": {}}
    for lesson in lessons:
        shutil.copy(os.path.join(ROOT, "solutions", lesson, f"{lesson}.ipynb"),
                    os.path.join(course, "work", lesson, f"{lesson}-solution.ipynb"))
        row = report["lessons"][lesson] = {}
        os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
        for kind, name in (("release", lesson), ("solution", f"{lesson}-solution")):
            _open_notebook(page, url, f"work/{lesson}/{name}.ipynb")
            row[f"{kind}_run_all_s"], row[f"{kind}_first_error"] = _run_all(page)
            row[f"{kind}_images"], row[f"{kind}_cells_not_run"] = page.evaluate("""() => [
                document.querySelectorAll('.jp-OutputArea-output img').length,
                [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                    .filter(p => p.textContent.replace(/\\s/g, '') === '[]:').length]""")
            _shot(page, f"times-{lesson}-{kind}")
            if kind == "solution" and lesson == LESSON:
                picture = _cell(page, "explore(show_gradient")
                picture.scroll_into_view_if_needed()
                before = picture.locator(".jp-OutputArea-output img").first.get_attribute("src")
                picture.locator(".noUi-handle").first.focus()
                t1 = time.monotonic()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "([n, old]) => { const i = n.querySelectorAll('.jp-OutputArea-output img');"
                    " return i.length === 1 && i[0].src !== old; }",
                    arg=[picture.element_handle(), before], timeout=60_000)
                report["slider_redraw_s"] = round(time.monotonic() - t1, 2)
                t1 = time.monotonic()
                page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).first.click()
                page.locator(".jp-Dialog").wait_for(timeout=600_000)
                page.wait_for_function(
                    "() => !document.querySelector('.jp-Dialog').innerText.includes('Validating')", timeout=600_000)
                report["validate_solution_s"] = round(time.monotonic() - t1, 1)
                report["validate_solution_says"] = page.locator(".jp-Dialog").inner_text()[:300]
                page.keyboard.press("Escape")
            _shutdown_kernels(page, url)
            with open(os.path.join(ROOT, "build", "first-hour-times.json"), "w") as fh:
                json.dump(report, fh, indent=1, ensure_ascii=False)
    report["load_average_after"] = [round(v, 1) for v in os.getloadavg()]
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "first-hour-times.json"), "w") as fh:
        json.dump(report, fh, indent=1, ensure_ascii=False)
    for lesson, row in report["lessons"].items():
        assert row["solution_first_error"] is None and row["solution_cells_not_run"] == 0, (lesson, row)
        assert row["release_first_error"] is None or "NotImplementedError" in row["release_first_error"], (lesson, row)
