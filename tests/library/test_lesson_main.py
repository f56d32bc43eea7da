"""The command line shared by the tools that refresh a lesson's images (reference_figures, widget_references)."""

import os

import pytest

from nncourse import reference_figures, widget_references
from nncourse.reference_figures import lesson_main


def _course(tmp_path, *lessons):
    for lesson in lessons:
        folder = tmp_path / "solutions" / lesson
        folder.mkdir(parents=True)
        (folder / f"{lesson}.ipynb").write_text("{}")
    return tmp_path


def _update(calls):
    def update(root, lesson):
        calls.append(lesson)
        return [os.path.join(root, "solutions", lesson, "figures", "1.png")]
    return update


def test_every_lesson_by_default_prints_the_images_written(tmp_path, capsys):
    root = _course(tmp_path, "02-b", "01-a")
    calls = []
    assert lesson_main("nncourse.reference_figures", "Doc.", _update(calls), ["--root", str(root)]) == 0
    assert calls == ["01-a", "02-b"]
    assert capsys.readouterr().out.split() == [os.path.join("solutions", lesson, "figures", "1.png")
                                               for lesson in calls]


def test_a_lesson_without_a_notebook_is_an_error_named_by_the_tool(tmp_path, capsys):
    root = _course(tmp_path, "01-a")
    calls = []
    status = lesson_main("nncourse.widget_references", "Doc.", _update(calls), ["01-a", "09-x", "--root", str(root)],
                         every_lesson=False)
    assert status == 2 and calls == ["01-a"]
    assert "widget_references: no notebook solutions/09-x/09-x.ipynb" in capsys.readouterr().err


def test_lessons_are_required_where_there_is_no_default(tmp_path, capsys):
    with pytest.raises(SystemExit):
        lesson_main("nncourse.widget_references", "Doc.", _update([]), ["--root", str(tmp_path)], every_lesson=False)
    assert "the following arguments are required: lessons" in capsys.readouterr().err


@pytest.mark.parametrize("module", [reference_figures, widget_references])
def test_both_tools_use_it(module, tmp_path, capsys):
    assert module.main(["nosuch", "--root", str(tmp_path)]) == 2
    assert f"{module.__name__.rsplit('.', 1)[-1]}: no notebook solutions/nosuch/nosuch.ipynb" in capsys.readouterr().err
