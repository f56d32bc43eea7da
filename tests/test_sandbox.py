"""Can the student's code reach what grading reads or writes?  It must not."""

import os
import tempfile

import numpy as np
import pytest

from nncourse.grading import forkserver
from nncourse.grading.forkserver import ForkedWorker
from nncourse.grading.limits import Limits
from nncourse.grading.remote import StudentError, Submission
from nncourse.grading.sandbox import package_dir, protected_copy

PROBE = r'''
import os, socket, pathlib
def listdir(p):
    return sorted(os.listdir(p))
def exists(p):
    return os.path.exists(p)
def write(p):
    with open(p, "w") as fh:
        fh.write("tampered")
    return True
def read(p):
    return open(p).read()
def connect():
    s = socket.socket()
    s.settimeout(2)
    s.connect(("127.0.0.1", 22))
    return True
def uid():
    return os.getuid()
def call_reference():
    from nncourse.grading.testing import expect
    expect(False, "the real one")
'''


@pytest.fixture(scope="module", params=[True, False], ids=["zygote", "cold"])
def probe(request):
    """A worker forked from the preloaded zygote, then a cold-started one: both must hold."""
    copy = protected_copy(["nncourse.grading.testing:expect"], tempfile.mkdtemp())
    with Submission([(0, PROBE)], copy, Limits(call_seconds=5), preloaded=request.param) as sub:
        sub._ensure()
        # forked exactly when asked for and possible (inside bubblewrap, nncourse not under /tmp)
        assert isinstance(sub.proc, ForkedWorker) == (request.param and forkserver.enabled())
        yield sub


def test_sandbox_is_used(probe, sandboxed):
    if not sandboxed:
        pytest.skip("bubblewrap is not installed here")
    assert probe.sandboxed


def test_repository_hidden_suites_and_workspace_are_invisible(probe, sandboxed, repo_root):
    if not sandboxed:
        pytest.skip("bubblewrap is not installed here")
    assert not probe.function("exists")(os.path.join(repo_root, "autograder"))
    assert not probe.function("exists")(os.path.join(repo_root, "tests"))
    assert not probe.function("exists")(os.path.join(repo_root, "nbgrader_config.py"))
    # the only repository folder it sees is the package, replaced by the protected copy
    assert probe.function("exists")(package_dir())


def test_nothing_outside_private_tmp_is_writable(probe, sandboxed):
    if not sandboxed:
        pytest.skip("bubblewrap is not installed here")
    for target in [os.path.join(package_dir(), "layers.py"), "/etc/passwd-x", "/usr/evil"]:
        with pytest.raises(StudentError, match="Error"):
            probe.function("write")(target)
    assert probe.function("write")("/tmp/scratch.txt") is True
    assert not os.path.exists("/tmp/scratch.txt") or open("/tmp/scratch.txt").read() != "tampered"


def test_no_network_and_not_root(probe, sandboxed):
    if not sandboxed:
        pytest.skip("bubblewrap is not installed here")
    with pytest.raises(StudentError, match="Error"):
        probe.function("connect")()
    assert probe.function("uid")() != 0


def test_protected_reference_code_only_raises(probe):
    with pytest.raises(StudentError, match="not available while your work is graded"):
        probe.function("call_reference")()


def test_protected_copy_keeps_the_rest(tmp_path):
    copy = protected_copy(["nncourse.grading.testing:expect_close"], str(tmp_path))
    text = open(os.path.join(copy, "grading", "testing.py")).read()
    assert "not available while your work is graded" in text
    # the other functions untouched, expect_close's body gone
    assert "def expect_shape" in text and "problem = nonfinite_problem(arr)" in text
    assert "problem = difference_problem(" not in text
    with pytest.raises(ValueError, match="has no function or class"):
        protected_copy(["nncourse.grading.testing:nothing"], str(tmp_path / "b"))
    with pytest.raises(ValueError, match="expected 'nncourse.module:Name'"):
        protected_copy(["numpy:sum"], str(tmp_path / "c"))


def test_limits_are_applied(tmp_path):
    copy = protected_copy([], str(tmp_path))
    src = "import resource\ndef limits():\n    return [resource.getrlimit(r)[0] for r in " \
          "(resource.RLIMIT_CPU, resource.RLIMIT_AS, resource.RLIMIT_FSIZE)]\n"
    lim = Limits(cpu_seconds=7, memory_bytes=1024**3, file_bytes=1024**2)
    with Submission([(0, src)], copy, lim) as sub:
        assert sub.function("limits")() == [7, 1024**3, 1024**2]


def test_student_prints_do_not_corrupt_answers(tmp_path):
    copy = protected_copy([], str(tmp_path))
    src = "import sys, os\ndef f(x):\n    print('{\"ok\": 1}')\n    sys.stderr.write('noise')\n" \
          "    os.write(1, b'{\"ok\": 2}\\n')\n    return x * 2\n"
    with Submission([(0, src)], copy, Limits()) as sub:
        assert np.array_equal(sub.function("f")(np.arange(3.0)), [0.0, 2.0, 4.0])


def test_display_imports_are_deferred_but_work_when_used(tmp_path):
    copy = protected_copy([], str(tmp_path))
    src = ("import matplotlib.pyplot as plt\nfrom matplotlib import pyplot\nimport ipywidgets as widgets\n"
           "from ipywidgets import IntSlider\nimport sys\n"
           "def loaded():\n    return 'matplotlib.pyplot' in sys.modules\n"
           "def use():\n    fig = plt.figure()\n    return [plt.__name__, pyplot.__name__, IntSlider(value=3).value]\n"
           "class Box(widgets.VBox):\n    pass\n"
           "def subclass_ok():\n    return issubclass(Box, widgets.Box)\n")
    with Submission([(0, src)], copy, Limits()) as sub:
        assert sub.function("loaded")() is False
        assert sub.function("use")() == ["matplotlib.pyplot", "matplotlib.pyplot", 3]
        assert sub.function("subclass_ok")() is True


def test_private_helpers_of_protected_code_are_stubbed_with_it(tmp_path):
    copy = protected_copy(["nncourse.activations:logsumexp", "nncourse.activations:log_softmax",
                           "nncourse.activations:softmax"], str(tmp_path / "a"))
    text = open(os.path.join(copy, "activations.py")).read()
    helper = text[text.index("def _logsumexp"):text.index("def logsumexp")]
    assert "not available while your work is graded" in helper
    # a helper an unprotected function still needs (tanh validates with _z) is kept
    z_helper = text[text.index("def _z("):text.index("def _out(")]
    assert "not available" not in z_helper
    kept = protected_copy(["nncourse.activations:sigmoid"], str(tmp_path / "b"))
    text = open(os.path.join(kept, "activations.py")).read()
    assert "not available" not in text[text.index("def _logsumexp"):text.index("def logsumexp")]


def test_self_checks_are_stubs_in_the_copy(tmp_path):
    copy = protected_copy([], str(tmp_path))
    for name in os.listdir(os.path.join(copy, "checks")):
        if name.endswith(".py"):
            text = open(os.path.join(copy, "checks", name)).read()
            assert "_ref_" not in text and "def __getattr__" in text, name
    src = ("from nncourse.checks import activations as check\n"
           "def run():\n    return check.sigmoid_functions(None, None)\n")
    with Submission([(0, src)], copy, Limits()) as sub:
        with pytest.raises(StudentError, match="self-check: it does not run while your work is graded"):
            sub.function("run")()


def test_crash_reasons_name_what_happened():
    from nncourse.grading.remote import crash_reason

    lim = Limits()
    assert crash_reason(137, True, lim) == "it was killed (out of memory, or by a signal)"
    assert crash_reason(-9, False, lim) == "it was killed (out of memory, or by a signal)"
    assert crash_reason(139, True, lim) == "it crashed (segmentation fault)"
    assert crash_reason(3, True, lim) == "your code called exit() (status 3)"
    assert "CPU" in crash_reason(128 + 24, True, lim)


def test_closing_a_worker_never_signals_the_group_of_a_reaped_leader(monkeypatch):
    """A reaped worker's pid, and so its process group id, may already be another process's
    (a notebook kernel started in its own session): closing it must not signal that group."""
    import subprocess
    import sys

    from nncourse.grading import remote

    signalled = []
    monkeypatch.setattr(remote.os, "killpg", lambda pgid, sig: signalled.append(pgid))
    done = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
    done.wait()
    remote._kill(done)
    assert signalled == []
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    monkeypatch.undo()
    remote._kill(alive)
    assert alive.returncode is not None   # killed (with its group) and reaped


def test_a_bwrap_named_but_missing_is_an_error_not_a_reason_to_grade_unsandboxed(monkeypatch, tmp_path):
    from nncourse.grading.sandbox import bwrap_path

    monkeypatch.setenv("NNCOURSE_BWRAP", str(tmp_path / "no-such-bwrap"))
    with pytest.raises(RuntimeError, match=r"NNCOURSE_BWRAP=.*no-such-bwrap is not an executable program: point it at"):
        bwrap_path()
    from nncourse.grading.probe import SandboxUnavailable, check_sandbox, start_check

    for check in (check_sandbox, lambda: start_check()()):   # what `nncourse autograde` reports (exit 2)
        with pytest.raises(SandboxUnavailable, match=r"nothing was graded: NNCOURSE_BWRAP=.*no-such-bwrap"):
            check()
    monkeypatch.setenv("NNCOURSE_SANDBOX", "none")   # grading without a sandbox is only ever chosen explicitly
    assert bwrap_path() is None
